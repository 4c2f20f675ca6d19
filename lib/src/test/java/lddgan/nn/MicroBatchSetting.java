package lddgan.nn;

import java.util.function.Supplier;

/** Runs test code under a {@link MicroBatch#PROPERTY} setting and restores the previous one after it. */
public final class MicroBatchSetting {
    private MicroBatchSetting() {
    }

    /** {@code body()} with {@code lddgan.microBatch = value}. */
    public static <T> T with(String value, Supplier<T> body) {
        String before = System.getProperty(MicroBatch.PROPERTY);
        System.setProperty(MicroBatch.PROPERTY, value);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(MicroBatch.PROPERTY);
            } else {
                System.setProperty(MicroBatch.PROPERTY, before);
            }
        }
    }
}
