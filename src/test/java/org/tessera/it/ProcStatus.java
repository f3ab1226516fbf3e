package org.tessera.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Figures of a running process from /proc/PID/status: peak and current resident memory, threads. */
record ProcStatus(long vmHwmKb, long vmRssKb, int threads, int fds) {
    static ProcStatus of(long pid) {
        try {
            long hwm = 0, rss = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                String[] f = line.split("\\s+");
                switch (f[0]) {
                    case "VmHWM:" -> hwm = Long.parseLong(f[1]);
                    case "VmRSS:" -> rss = Long.parseLong(f[1]);
                    case "Threads:" -> threads = Integer.parseInt(f[1]);
                    default -> { }
                }
            }
            int fds;
            try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                fds = (int) s.count();
            }
            return new ProcStatus(hwm, rss, threads, fds);
        } catch (IOException e) {
            return new ProcStatus(-1, -1, -1, -1);
        }
    }

    /** The soft limit on open files of a process (/proc/PID/limits), Long.MAX_VALUE when unlimited or unknown. */
    static long openFileLimit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
                if (!line.startsWith("Max open files")) continue;
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: unknown
        }
        return Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return "VmHWM " + vmHwmKb / 1024 + " MB, VmRSS " + vmRssKb / 1024 + " MB, " + threads + " threads, " + fds + " fds";
    }
}
