package dev.metertap.pgemock.espi;

/** Direction of energy at the meter, as {@code ReadingType/flowDirection} encodes it. */
public enum Flow {
    /** From the grid to the customer (flowDirection 1). */
    DELIVERED(1),
    /** From the customer to the grid, i.e. solar export (flowDirection 19). */
    RECEIVED(19);

    private final int flowDirection;

    Flow(int flowDirection) {
        this.flowDirection = flowDirection;
    }

    public int flowDirection() {
        return flowDirection;
    }
}
