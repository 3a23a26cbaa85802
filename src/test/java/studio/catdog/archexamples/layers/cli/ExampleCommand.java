package studio.catdog.archexamples.layers.cli;

import studio.catdog.archexamples.layers.core.service.ExampleService;

/** A good example: a command that uses only the core's service. */
public final class ExampleCommand {

    /** @return a number from the service */
    public int run() {
        return new ExampleService().answer();
    }
}
