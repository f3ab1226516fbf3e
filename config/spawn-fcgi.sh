#!/bin/sh
# Start Tessera under spawn-fcgi, as iipsrv is often run: spawn-fcgi opens the socket, starts
# the program with the socket on fd 0, writes the child pid and exits. Stop with
#   kill -TERM "$(cat /run/tessera/tessera.pid)"
# iipsrv's environment variables configure Tessera unchanged.
export FILESYSTEM_PREFIX=/srv/images/
export VERBOSITY=1
export LOGFILE=/var/log/tessera/tessera.log
export MAX_IMAGE_CACHE_SIZE=256
export URI_MAP="iiif=>IIIF"
export CORS="*"
# export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64   # else scripts/find-java picks a JDK >= 21
# export JAVA_OPTS="-Xmx2g"                             # heap for the tile cache and renders

# TCP (nginx: fastcgi_pass 127.0.0.1:9000). One process: it is multi-threaded (-F 1).
exec spawn-fcgi -a 127.0.0.1 -p 9000 -F 1 -P /run/tessera/tessera.pid -u www-data -g www-data \
     -- /opt/tessera/scripts/tessera
# Unix socket instead:
#   spawn-fcgi -s /run/tessera/tessera.sock -M 0660 -U www-data -G www-data -P /run/tessera/tessera.pid \
#     -u www-data -g www-data -- /opt/tessera/scripts/tessera
