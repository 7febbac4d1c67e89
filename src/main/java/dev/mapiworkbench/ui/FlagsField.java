package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.mapi.HResult;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * A text field for raw MAPI flags, typed in hex ({@code 0x3}), decimal or by name
 * ({@code MAPI_LOGOFF_SHARED|MAPI_LOGOFF_UI}), decoded as you type in the line below it; bits without a
 * name are kept and shown as {@code unknown 0x...}. {@link #valueProperty()} is the parsed value, null
 * while the text does not parse (the line then says why). Ids: {@code <idPrefix>Field} and
 * {@code <idPrefix>Decoded}.
 */
public final class FlagsField extends VBox {

    /** Style class of the decoded line while the text does not parse. */
    public static final String INVALID = "flags-invalid";

    private final FlagSet flags;
    private final TextField field = new TextField();
    private final Label decoded = new Label();
    private final ReadOnlyObjectWrapper<Integer> value = new ReadOnlyObjectWrapper<>(this, "value", 0);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);

    public FlagsField(FlagSet flags, String idPrefix, int initial) {
        super(4);
        this.flags = flags;
        field.setId(idPrefix + "Field");
        decoded.setId(idPrefix + "Decoded");
        decoded.setWrapText(true);
        decoded.getStyleClass().add("flags-decoded");
        field.setPromptText("0x0 or "
                + (flags.flags().isEmpty() ? "a number" : flags.flags().get(0).name()));
        field.setAccessibleText(flags.parameter() + " flags");
        StringBuilder tip =
                new StringBuilder(flags.parameter()).append(" flags: hex (0x…), decimal or names joined with |");
        for (FlagSet.Flag f : flags.flags()) {
            tip.append('\n')
                    .append(HResult.hex(f.bit()))
                    .append("  ")
                    .append(f.name())
                    .append("  (")
                    .append(f.source())
                    .append(')');
        }
        LazyTooltip.set(field, tip.toString());
        field.textProperty().addListener((obs, old, text) -> decode(text));
        getChildren().addAll(field, decoded);
        setValue(initial);
    }

    /** Shows {@code v} as hex and decodes it. */
    public void setValue(int v) {
        field.setText(HResult.hex(v));
        decode(field.getText());
    }

    private void decode(String text) {
        try {
            int v = flags.parse(text);
            value.set(v);
            valid.set(true);
            decoded.getStyleClass().remove(INVALID);
            decoded.setText("= " + HResult.hex(v) + ": " + flags.decode(v).describe());
        } catch (IllegalArgumentException e) {
            value.set(null);
            valid.set(false);
            if (!decoded.getStyleClass().contains(INVALID)) {
                decoded.getStyleClass().add(INVALID);
            }
            decoded.setText(e.getMessage());
        }
    }

    /** The parsed flags, or null while the text does not parse. */
    public ReadOnlyObjectProperty<Integer> valueProperty() {
        return value.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The text field (for labels' {@code labelFor} and focus). */
    public TextField textField() {
        return field;
    }

    /** The line that shows what the flags mean (or why they do not parse). */
    public Label decodedLabel() {
        return decoded;
    }
}
