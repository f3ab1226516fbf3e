package org.tessera.service;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tessera.codec.DefaultCodecs;
import org.tessera.config.Config;
import org.tessera.format.OutputFormat;
import org.tessera.image.Rect;
import org.tessera.request.ImageRequest;
import org.tessera.request.Quality;
import org.tessera.request.Rotation;
import org.tessera.source.tiff.TiffImageSource;

/**
 * JPEG exports {@code width} pixels wide (1000 by default) from a large JPEG-tiled TIFF through
 * the whole engine (plan, admission, read, scale, encode), every cache off so each export reads
 * its tiles: {@code views} cycles through 32 regions of 1/8 to 1/2 of the image's width (as the
 * {@code mix} set of scripts/bench asks for them), {@code whole} exports the whole image.
 * Only API that has not changed in a long time is used, so the same file measures older builds
 * of the engine too. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the heap allocated
 * per export, on every thread. The fork runs with the launcher's collector settings for a heap
 * of a 10 MB cache + 272 MB, and prints its peak resident size (VmHWM) and the peak use of each
 * heap pool when it ends.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx282m", "-Xms48m", "-XX:+UseSerialGC", "-Xmn24m", "-XX:MinHeapFreeRatio=10",
        "-XX:MaxHeapFreeRatio=30"})
public class ExportBenchmark {
    @Param({"/tmp/tessera-bench/images/pyramid-10000x8000.tif"})
    String image;

    @Param({"views", "whole"})
    String regions;

    @Param({"1000"})
    int width;

    private DefaultCodecs codecs;
    private DefaultImageService service;
    private TiffImageSource source;
    private final List<ImageRequest> requests = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() throws IOException {
        codecs = DefaultCodecs.detect();
        if (!codecs.nativeJpeg()) throw new IllegalStateException("libjpeg-turbo is needed for a meaningful figure");
        service = DefaultImageService.inRam(Config.defaults("/tmp/"), codecs, 0);
        source = TiffImageSource.open(Path.of(image), codecs.jpegDecoder());
        int w = source.info().levels().get(0).width(), h = source.info().levels().get(0).height();
        if (regions.equals("whole")) {
            requests.add(request(new Rect(0, 0, w, h), width));
            return;
        }
        Random random = new Random(4242);
        for (int i = 0; i < 32; i++) {
            int rw = w / 8 + random.nextInt(w / 2 - w / 8 + 1);
            int rh = Math.min(h, (int) (rw * (0.5 + 0.5 * random.nextDouble())));
            requests.add(request(new Rect(random.nextInt(w - rw + 1), random.nextInt(h - rh + 1), rw, rh), width));
        }
    }

    private static ImageRequest request(Rect region, int width) {
        int height = Math.max(1, (int) Math.round((double) width * region.height() / region.width()));
        return new ImageRequest("bench.tif", 0, region, width, height, Rotation.NONE, Quality.DEFAULT, OutputFormat.JPEG, -1,
                Optional.empty());
    }

    @TearDown
    public void tearDown() throws IOException {
        source.close();
        service.close();
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM")).forEach(l -> System.out.println("\n" + l));
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                System.out.println("peak " + pool.getName() + ": used " + (pool.getPeakUsage().getUsed() >> 20) + " MiB, committed "
                        + (pool.getPeakUsage().getCommitted() >> 20) + " MiB");
            }
        }
    }

    @Benchmark
    public byte[] export() {
        ImageRequest request = requests.get(next);
        next = (next + 1) % requests.size();
        return service.render(source, request).data();
    }
}
