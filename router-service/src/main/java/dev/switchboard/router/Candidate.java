package dev.switchboard.router;

/** One model a call may go to. */
public record Candidate(String provider, String model) {

    public static Candidate parse(String qualified) {
        int slash = qualified.indexOf('/');
        return new Candidate(qualified.substring(0, slash), qualified.substring(slash + 1));
    }

    public String qualified() {
        return provider + "/" + model;
    }
}
