package studio.catdog.archexamples.nestedrecord;

/** A deliberately bad example for {@code ArchitectureRulesTest}: owns a nested record that another file uses. */
final class RecordOwner {

    /**
     * Used here (allowed) and from {@link RecordBorrower} (the violation).
     *
     * @param size any number
     */
    record Part(int size) {}

    private RecordOwner() {}

    static Part part() {
        return new Part(1);
    }
}
