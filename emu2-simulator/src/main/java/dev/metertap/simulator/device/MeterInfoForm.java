package dev.metertap.simulator.device;

/**
 * How the firmware writes MeterInfo. The evidence is mixed, so each form a reader may meet can be chosen; readers
 * must accept all of them.
 */
public enum MeterInfoForm {
    /** {@code <MeterType>0x0000</MeterType>}, as one reader's author saw a real unit send (the default). */
    NUMBER("0x0000", "MeterType", "NickName"),
    /** {@code <MeterType>electric</MeterType>}, as the manual shows it. */
    NAME("electric", "MeterType", "NickName"),
    /** {@code <Type>electric</Type>} and {@code <Nickname>}, as another reader parses it. */
    TYPE("electric", "Type", "Nickname");

    final String electric;
    final String typeElement;
    final String nickNameElement;

    MeterInfoForm(String electric, String typeElement, String nickNameElement) {
        this.electric = electric;
        this.typeElement = typeElement;
        this.nickNameElement = nickNameElement;
    }
}
