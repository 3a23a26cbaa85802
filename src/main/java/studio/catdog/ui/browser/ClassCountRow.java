package studio.catdog.ui.browser;

/**
 * One row of the browser's class counts table.
 *
 * @param className the class
 * @param train training images
 * @param test test images
 */
public record ClassCountRow(String className, int train, int test) {
    /** @return training plus test images */
    public int total() {
        return train + test;
    }
}
