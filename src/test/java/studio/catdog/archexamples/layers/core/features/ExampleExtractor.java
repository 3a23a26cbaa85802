package studio.catdog.archexamples.layers.core.features;

/** A deliberately bad example's core internal: the front ends must not use it. */
public final class ExampleExtractor {

    /** @return a number */
    public int features() {
        return 7;
    }
}
