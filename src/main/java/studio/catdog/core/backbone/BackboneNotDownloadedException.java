package studio.catdog.core.backbone;

import studio.catdog.core.CatdogException;

/**
 * A saved model needs a pinned backbone that is not in the cache. It names exactly that one, so the
 * command line can say which command fetches it and the app can offer to download it.
 */
public final class BackboneNotDownloadedException extends CatdogException {
    private static final long serialVersionUID = 1L;

    private final transient PinnedModel model;

    /**
     * Creates the exception.
     *
     * @param model the backbone that is missing
     */
    public BackboneNotDownloadedException(PinnedModel model) {
        super("This model needs the backbone " + model.describe() + ", which is not downloaded yet. Download it with "
                + "'catdog backbone download " + model.id() + "' (or add --backbone " + model.id()
                + " to this command), "
                + "or import a copy you have with 'catdog backbone import FILE'. In the app: open the model again and "
                + "choose Download.");
        this.model = model;
    }

    /** @return the backbone that is missing */
    public PinnedModel model() {
        return model;
    }
}
