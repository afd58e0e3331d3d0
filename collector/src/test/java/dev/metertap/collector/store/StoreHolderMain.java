package dev.metertap.collector.store;

import java.nio.file.Path;

/** A child JVM that opens a store for writing as {@code metertap run}, says so, and holds it until killed. */
public final class StoreHolderMain {

    static final String HOLDING = "HOLDING";

    private StoreHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(Path.of(args[0]), Store.COLLECTOR)) {
            System.out.println(HOLDING + " " + store.path());
            System.out.flush();
            System.in.read(); // held until stdin closes or the process is killed
        }
    }
}
