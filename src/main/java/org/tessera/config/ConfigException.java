package org.tessera.config;

/**
 * A startup environment variable that cannot be used. The message names the variable and the
 * offending value so the launcher can print it as is and exit with status 1.
 */
public class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String value, String problem) {
        super(variable + "=\"" + value + "\": " + problem);
        this.variable = variable;
    }

    public String variable() { return variable; }
}
