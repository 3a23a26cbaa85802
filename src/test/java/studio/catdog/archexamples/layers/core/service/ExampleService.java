package studio.catdog.archexamples.layers.core.service;

/** A deliberately bad example's core service: the front ends may use it. */
public final class ExampleService {

    /** @return a number */
    public int answer() {
        return 42;
    }
}
