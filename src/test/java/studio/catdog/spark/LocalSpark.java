package studio.catdog.spark;

import org.apache.spark.sql.SparkSession;

/** The {@code local[2]} session the Spark tests share within a class. */
final class LocalSpark {

    private LocalSpark() {}

    /** @return a new local session with two cores, no web UI and few shuffle partitions */
    static SparkSession start() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("catdog-spark-test")
                .config("spark.ui.enabled", "false")
                .config(Shipping.ISOLATION, "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }
}
