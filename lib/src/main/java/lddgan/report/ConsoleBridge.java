package lddgan.report;

/** Outside a notebook (tests, {@code make audit}, {@code make train}): the text form on standard output. */
final class ConsoleBridge implements KernelBridge {
    static final ConsoleBridge INSTANCE = new ConsoleBridge();

    private ConsoleBridge() {
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String display(DisplayContent content) {
        System.out.println(content.text());
        return "console";
    }

    @Override
    public void update(String id, DisplayContent content) {
        System.out.println(content.text());
    }

    @Override
    public boolean updatesInPlace() {
        return false;
    }
}
