package studio.catdog.archexamples.layers.ui;

import studio.catdog.archexamples.layers.core.features.ExampleExtractor;
import studio.catdog.archexamples.layers.core.service.ExampleService;

/** A deliberately bad example: a UI class that reaches a core internal besides the service. */
public final class ExampleScreen {

    /** @return numbers from the service (allowed) and the extractor (the violation) */
    public int show() {
        return new ExampleService().answer() + new ExampleExtractor().features();
    }
}
