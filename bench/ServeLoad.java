import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A load client for `catdog serve` (issue 22). Single-file Java, no dependencies:
 *
 *   java bench/ServeLoad.java --url http://127.0.0.1:8080/ --images DIR --clients 16 [--requests N]
 *       [--compare predict.csv] [--rss-pid PID] [--cpu-pid PID]
 *
 * Reads every image under DIR into memory, then N clients (threads, one keep-alive connection each) POST
 * them to /predict one after another, together --requests requests (default: each image once). Prints one
 * JSON line: images/s, p50/p99/max latency, status codes, the batch sizes the server formed during the run
 * (from /metrics), and with --compare the largest probability difference and label mismatches against a
 * `catdog predict --csv` file; with --rss-pid the server's RSS every second; with --cpu-pid the CPU time the
 * server used during the run (so its cost per image can be compared with the command line's on a shared,
 * busy machine), and this client's own CPU time.
 */
public final class ServeLoad {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        URI base = URI.create(a.getOrDefault("--url", "http://127.0.0.1:8080/"));
        Path dir = Path.of(a.get("--images"));
        int clients = Integer.parseInt(a.getOrDefault("--clients", "1"));
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)$"))
                    .sorted()
                    .toList();
        }
        byte[][] bodies = new byte[files.size()][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = Files.readAllBytes(files.get(i));
        }
        int total = Integer.parseInt(a.getOrDefault("--requests", Integer.toString(files.size())));
        Map<String, double[]> expected = a.containsKey("--compare") ? readCsv(Path.of(a.get("--compare"))) : null;

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, Long> batchesBefore = batches(client, base);
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[total];
        Map<Integer, LongAdder> codes = new ConcurrentHashMap<>();
        double[] maxDiff = {0};
        AtomicInteger mismatches = new AtomicInteger();
        AtomicInteger compared = new AtomicInteger();
        List<Long> rss = new ArrayList<>();
        Thread sampler = null;
        if (a.containsKey("--rss-pid")) {
            String pid = a.get("--rss-pid");
            sampler = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        synchronized (rss) {
                            rss.add(rssKb(pid));
                        }
                        Thread.sleep(1000);
                    }
                } catch (InterruptedException | IOException e) {
                    // done
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }
        String cpuPid = a.get("--cpu-pid");
        double serverCpuBefore = cpuPid == null ? 0 : cpuSeconds(cpuPid);
        double clientCpuBefore = ownCpuSeconds();
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            threads[t] = new Thread(() -> {
                // One HttpClient per thread: one keep-alive connection each, as separate programs would have.
                HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int i; (i = next.getAndIncrement()) < total; ) {
                    int f = i % bodies.length;
                    HttpRequest r = HttpRequest.newBuilder(base.resolve("predict"))
                            .timeout(Duration.ofSeconds(120))
                            .header("Content-Type", "image/jpeg")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[f]))
                            .build();
                    long t0 = System.nanoTime();
                    int code;
                    String body = "";
                    try {
                        HttpResponse<String> resp = own.send(r, HttpResponse.BodyHandlers.ofString());
                        code = resp.statusCode();
                        body = resp.body();
                    } catch (IOException | InterruptedException e) {
                        code = -1;
                    }
                    latencies[i] = System.nanoTime() - t0;
                    codes.computeIfAbsent(code, k -> new LongAdder()).increment();
                    if (expected != null && code == 200) {
                        double[] want = expected.get(files.get(f).toString());
                        if (want != null) {
                            compare(body, want, maxDiff, mismatches);
                            compared.incrementAndGet();
                        }
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double serverCpu = cpuPid == null ? Double.NaN : cpuSeconds(cpuPid) - serverCpuBefore;
        double clientCpu = ownCpuSeconds() - clientCpuBefore;
        if (sampler != null) {
            sampler.interrupt();
        }
        Map<Integer, Long> batchesAfter = batches(client, base);
        Map<Integer, Long> formed = new TreeMap<>();
        batchesAfter.forEach((size, n) -> {
            long d = n - batchesBefore.getOrDefault(size, 0L);
            if (d > 0) {
                formed.put(size, d);
            }
        });
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        StringBuilder out = new StringBuilder("{");
        out.append("\"clients\":").append(clients);
        out.append(",\"requests\":").append(total);
        out.append(",\"seconds\":").append(String.format(Locale.ROOT, "%.2f", seconds));
        out.append(",\"imagesPerSecond\":").append(String.format(Locale.ROOT, "%.1f", total / seconds));
        out.append(",\"p50ms\":").append(ms(sorted[(int) Math.floor(0.50 * (total - 1))]));
        out.append(",\"p99ms\":").append(ms(sorted[(int) Math.floor(0.99 * (total - 1))]));
        out.append(",\"maxms\":").append(ms(sorted[total - 1]));
        if (cpuPid != null) {
            out.append(",\"serverCpuSeconds\":").append(String.format(Locale.ROOT, "%.2f", serverCpu));
            out.append(",\"imagesPerServerCpuSecond\":").append(String.format(Locale.ROOT, "%.1f", total / serverCpu));
        }
        out.append(",\"clientCpuSeconds\":").append(String.format(Locale.ROOT, "%.2f", clientCpu));
        out.append(",\"codes\":").append(json(new TreeMap<>(codes)));
        out.append(",\"batchSizes\":").append(json(formed));
        if (expected != null) {
            out.append(",\"compared\":").append(compared.get());
            out.append(",\"maxProbabilityDifference\":").append(String.format(Locale.ROOT, "%.3g", maxDiff[0]));
            out.append(",\"labelMismatches\":").append(mismatches.get());
        }
        if (!rss.isEmpty()) {
            synchronized (rss) {
                out.append(",\"rssMb\":").append(rss.stream().map(k -> Long.toString(k / 1024)).toList());
            }
        }
        System.out.println(out.append('}'));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String json(Map<Integer, ?> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return b.append('}').toString();
    }

    /** utime + stime of a process from /proc (clock ticks of 1/100 s on Linux). */
    private static double cpuSeconds(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14 and 15 of stat
    }

    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static long rssKb(String pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static final Pattern BATCHES = Pattern.compile("catdog_batches_total\\{size=\"(\\d+)\"} (\\d+)");
    private static final Pattern PROBABILITY = Pattern.compile("\"(cats|dogs)\":([0-9.Ee-]+)");
    private static final Pattern LABEL = Pattern.compile("\"label\":\"([^\"]+)\"");

    private static Map<Integer, Long> batches(HttpClient client, URI base) throws Exception {
        String text = client.send(HttpRequest.newBuilder(base.resolve("metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Map<Integer, Long> out = new TreeMap<>();
        Matcher m = BATCHES.matcher(text);
        while (m.find()) {
            out.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        }
        return out;
    }

    /** file -> {p(cats), p(dogs), label index} from `catdog predict --csv` (columns file,label,p_cats,p_dogs,...). */
    private static Map<String, double[]> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int file = header.indexOf("file");
        int label = header.indexOf("label");
        int cats = header.indexOf("p_cats");
        int dogs = header.indexOf("p_dogs");
        if (file < 0 || label < 0 || cats < 0 || dogs < 0) {
            throw new IllegalArgumentException("unexpected CSV header: " + lines.get(0));
        }
        Map<String, double[]> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            if (c.length <= Math.max(cats, dogs) || c[cats].isEmpty()) {
                continue;
            }
            out.put(c[file], new double[] {Double.parseDouble(c[cats]), Double.parseDouble(c[dogs]), "cats".equals(c[label]) ? 0 : 1});
        }
        return out;
    }

    private static void compare(String body, double[] want, double[] maxDiff, AtomicInteger mismatches) {
        Matcher p = PROBABILITY.matcher(body);
        while (p.find()) {
            double got = Double.parseDouble(p.group(2));
            double d = Math.abs(got - (p.group(1).equals("cats") ? want[0] : want[1]));
            synchronized (maxDiff) {
                maxDiff[0] = Math.max(maxDiff[0], d);
            }
        }
        Matcher l = LABEL.matcher(body);
        if (l.find() && (l.group(1).equals("cats") ? 0 : 1) != (int) want[2]) {
            mismatches.incrementAndGet();
        }
    }
}
