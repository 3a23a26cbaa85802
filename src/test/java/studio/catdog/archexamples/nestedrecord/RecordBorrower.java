package studio.catdog.archexamples.nestedrecord;

/** A deliberately bad example: uses a record nested in another top-level class. */
final class RecordBorrower {

    private RecordBorrower() {}

    static int size() {
        RecordOwner.Part part = RecordOwner.part();
        return part.size();
    }
}
