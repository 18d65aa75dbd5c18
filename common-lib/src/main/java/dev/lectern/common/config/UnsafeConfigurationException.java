package dev.lectern.common.config;

import java.util.List;

/** Start-up refused: the settings listed are unsafe for this environment. */
public class UnsafeConfigurationException extends RuntimeException {

    private final List<String> problems;

    public UnsafeConfigurationException(List<String> problems) {
        super("Unsafe configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
