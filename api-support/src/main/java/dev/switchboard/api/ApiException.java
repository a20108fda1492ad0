package dev.switchboard.api;

/** A failure to answer in the OpenAI error shape with a chosen status, parameter and code. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String param;
    private final String code;

    public ApiException(int status, String message, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
