package studio.catdog.core.sample;

/** The record in {@link SampleData#STATE_FILE}; {@code summary} is set once the data set is complete. */
record SampleDataState(
        int format, String createdBy, String url, int limitPerClass, boolean complete, SampleDataSummary summary) {}
