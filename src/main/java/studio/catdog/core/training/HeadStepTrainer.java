package studio.catdog.core.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;

/**
 * DJL's {@link Trainer} with one difference: {@link #step()} applies the optimizer without DJL's
 * first-step gradient check.
 *
 * <p>Why: DJL 0.36 refuses the first step when the gradient values, summed over every parameter,
 * come to exactly {@code 0f}. For a softmax cross-entropy head that sum is zero by construction
 * (each example contributes {@code p_c - y_c}, which sums to 0 over the classes, to the bias and,
 * times its features, to the weights), so the check passes only by rounding, and a two-class data set
 * whose rounding cancels exactly failed to train with "Gradient values are all zeros". The loss is
 * always backpropagated here, which is what the check guards against.
 *
 * <p>Only DJL's public API is used: the same optimizer, applied by a {@link ParameterStore} of its own
 * that holds the block's trainable parameters on the one training device (no copies).
 */
final class HeadStepTrainer extends Trainer {

    private final Model model;
    private final Device device;
    private final ParameterStore updates;
    private boolean registered;

    /**
     * @param model the head's model (its block not loaded from a file, as a new head's is not)
     * @param config the training configuration; its optimizer updates the parameters
     * @param device the one device the head trains on
     */
    HeadStepTrainer(Model model, TrainingConfig config, Device device) {
        super(model, config);
        this.model = model;
        this.device = device;
        this.updates = new ParameterStore(getManager(), false);
        updates.setParameterServer(
                getManager().getEngine().newParameterServer(config.getOptimizer()), new Device[] {device});
    }

    /** Updates every trainable parameter from its gradient with the configured optimizer. */
    @Override
    public void step() {
        if (!registered) {
            // The store learns its parameters by being asked for them; after initialize() they exist.
            for (Parameter parameter : model.getBlock().getParameters().values()) {
                if (parameter.requiresGradient()) {
                    updates.getValue(parameter, device, true);
                }
            }
            registered = true;
        }
        updates.updateAllParameters();
    }
}
