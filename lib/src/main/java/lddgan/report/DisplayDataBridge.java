package lddgan.report;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;

/**
 * A kernel whose own {@code DisplayData} class carries a whole MIME bundle (rapaio, JJava, IJava): each MIME type of
 * the {@link DisplayContent} is put into a new instance, the display id is set, and the kernel publishes it as
 * {@code display_data} or, for an update, {@code update_display_data} with the same id (Jupyter then replaces the
 * output in place).
 */
abstract class DisplayDataBridge implements KernelBridge {
    private final String name;
    private final Method putData;
    private final Method setDisplayId;

    /**
     * @param name the kernel's name
     * @param displayData the kernel's DisplayData class ({@code putData(String, Object)} and
     *     {@code setDisplayId(String)}, as rapaio, JJava and IJava's base kernel all have)
     */
    DisplayDataBridge(String name, Class<?> displayData) throws ReflectiveOperationException {
        this.name = name;
        this.putData = displayData.getMethod("putData", String.class, Object.class);
        this.setDisplayId = displayData.getMethod("setDisplayId", String.class);
    }

    /** A new instance of the kernel's DisplayData holding {@code text} as {@code text/plain}. */
    abstract Object newData(String text) throws ReflectiveOperationException;

    /** Publishes {@code data} (an instance of the DisplayData class) as a new output, or as an update of its id. */
    abstract void publish(Object data, boolean update) throws ReflectiveOperationException;

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String display(DisplayContent content) throws ReflectiveOperationException {
        String id = UUID.randomUUID().toString();
        publish(data(id, content), false);
        return id;
    }

    @Override
    public final void update(String id, DisplayContent content) throws ReflectiveOperationException {
        publish(data(id, content), true);
    }

    @Override
    public final boolean updatesInPlace() {
        return true;
    }

    private Object data(String id, DisplayContent content) throws ReflectiveOperationException {
        Object data = newData(content.text());
        for (Map.Entry<String, String> e : content.mimeBundle().entrySet()) {
            putData.invoke(data, e.getKey(), e.getValue());
        }
        setDisplayId.invoke(data, id);
        return data;
    }
}
