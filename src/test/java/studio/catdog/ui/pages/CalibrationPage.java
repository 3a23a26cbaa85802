package studio.catdog.ui.pages;

import javafx.scene.control.Slider;
import org.testfx.api.FxRobot;

/** The calibration workspace, as a user sees it. */
public final class CalibrationPage extends AppPage {

    /** @param robot the robot */
    public CalibrationPage(FxRobot robot) {
        super(robot);
    }

    /** Opens the tab. */
    public CalibrationPage show() {
        openTab("Calibration");
        return this;
    }

    /**
     * Moves the threshold slider (Monocle cannot drag reliably, so the slider's value is set).
     *
     * @param value the threshold
     */
    public CalibrationPage moveThreshold(double value) {
        Slider s = node("thresholdSlider");
        robot.interact(() -> s.setValue(value));
        return this;
    }

    /** @return the slider's value */
    public double threshold() {
        return this.<Slider>node("thresholdSlider").getValue();
    }

    /**
     * @param trueIndex row
     * @param predictedIndex column
     * @return the count shown in a confusion-matrix cell
     */
    public int cell(int trueIndex, int predictedIndex) {
        return Integer.parseInt(text("confusion-" + trueIndex + "-" + predictedIndex));
    }

    /** @return what the threshold means */
    public String thresholdText() {
        return text("thresholdText");
    }

    /** @return the calibration summary */
    public String calibration() {
        return text("calibrationLabel");
    }
}
