package studio.catdog.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    @TempDir
    Path dir;

    private static String hash(int i) {
        return String.format("%064x", i);
    }

    @Test
    void storesAndReloadsVectorsByContentHash() throws IOException {
        try (FeatureCache c = FeatureCache.open(dir, "key-a", 3)) {
            c.put(hash(1), new float[] {1, 2, 3});
            c.put(hash(2), new float[] {4, 5, 6});
        }
        try (FeatureCache c = FeatureCache.open(dir, "key-a", 3)) {
            assertThat(c.size()).isEqualTo(2);
            assertThat(c.get(hash(2))).containsExactly(4, 5, 6);
            assertThat(c.get(hash(3))).isNull();
            assertThat(c.repairedRecords()).isZero();
        }
    }

    @Test
    void aTornLastRecordIsDroppedAndTheRestKept() throws IOException {
        Path file;
        try (FeatureCache c = FeatureCache.open(dir, "key", 4)) {
            c.put(hash(1), new float[] {1, 1, 1, 1});
            c.put(hash(2), new float[] {2, 2, 2, 2});
            file = c.file();
        }
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - 5); // as if killed in the middle of writing record 2
        }
        try (FeatureCache c = FeatureCache.open(dir, "key", 4)) {
            assertThat(c.size()).isEqualTo(1);
            assertThat(c.repairedRecords()).isEqualTo(1);
            c.put(hash(3), new float[] {3, 3, 3, 3});
        }
        try (FeatureCache c = FeatureCache.open(dir, "key", 4)) {
            assertThat(c.get(hash(1))).containsExactly(1, 1, 1, 1);
            assertThat(c.get(hash(3))).containsExactly(3, 3, 3, 3);
            assertThat(c.repairedRecords()).isZero();
        }
    }

    @Test
    void aFlippedByteIsDetectedNotTrusted() throws IOException {
        Path file;
        try (FeatureCache c = FeatureCache.open(dir, "key", 2)) {
            c.put(hash(1), new float[] {1, 2});
            file = c.file();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x40; // inside the float data
        Files.write(file, bytes);
        try (FeatureCache c = FeatureCache.open(dir, "key", 2)) {
            assertThat(c.get(hash(1))).isNull();
        }
    }

    @Test
    void aFileOfAnotherBackboneOrDimensionIsRebuilt() throws IOException {
        try (FeatureCache c = FeatureCache.open(dir, "key", 2)) {
            c.put(hash(1), new float[] {1, 2});
        }
        Path file = dir.resolve(FeatureCache.fileName("key"));
        // Same file name, different header (as if another version wrote it): must not be trusted.
        byte[] bytes = Files.readAllBytes(file);
        bytes[5] ^= 0x01;
        Files.write(file, bytes);
        try (FeatureCache c = FeatureCache.open(dir, "key", 2)) {
            assertThat(c.size()).isZero();
        }
        try (FeatureCache c = FeatureCache.open(dir, "key", 3)) {
            assertThat(c.size()).isZero();
        }
    }
}
