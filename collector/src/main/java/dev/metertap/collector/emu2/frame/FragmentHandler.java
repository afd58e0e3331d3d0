package dev.metertap.collector.emu2.frame;

/** Receives each complete fragment; the fragment is a view valid only during the call. */
@FunctionalInterface
public interface FragmentHandler {
    void onFragment(Fragment fragment);
}
