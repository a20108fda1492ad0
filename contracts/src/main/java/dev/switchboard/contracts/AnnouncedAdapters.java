package dev.switchboard.contracts;

/**
 * A reader's live view of {@code switchboard.adapters}: which adapter instances serve which provider now, each
 * announcement held for its TTL as {@link Heartbeats} says (a tombstone removes its instance at once). Safe for one
 * writer and many readers.
 */
public final class AnnouncedAdapters {

    /** Why a provider is not served when no adapter instance announces it. */
    public static final String NOBODY = "no adapter consumes its request topic";

    private final Heartbeats<AdapterAnnouncement> announcements = new Heartbeats<>();

    /** Takes one record of the topic: an announcement, or a tombstone (null) for the instance its key names. */
    public void accept(String key, AdapterAnnouncement announcement, long timestampMs) {
        announcements.accept(key, announcement, announcement == null ? 0 : announcement.ttlMs(), timestampMs);
    }

    /**
     * The reader has not been able to read the topic since this time (it could then): from then on, announcements do
     * not age, since none could have reached it.
     */
    public void readerStalled(long sinceMs) {
        announcements.readerStalled(sinceMs);
    }

    /** The reader reads the topic again: every announcement lives on for what was left of it when the reader stalled. */
    public void readerReading() {
        announcements.readerReading();
    }

    /** Whether a live adapter instance that can call this provider consumes its request topic. */
    public boolean isServed(String provider) {
        return announcements.live()
                .anyMatch(announcement -> announcement.usable() && provider.equals(announcement.provider()));
    }

    /** What the live instances say about this provider. */
    public Status status(String provider) {
        int usable = 0;
        String reason = NOBODY;
        for (AdapterAnnouncement announcement : announcements.live()
                .filter(announcement -> provider.equals(announcement.provider())).toList()) {
            if (announcement.usable()) {
                usable++;
            } else {
                reason = "the adapters that consume its topic cannot call it: " + announcement.reason();
            }
        }
        return new Status(usable > 0, usable, usable > 0 ? null : reason);
    }

    /**
     * A provider's service as announced.
     *
     * @param served whether a live adapter instance can call it
     * @param instances the live instances that can
     * @param reason why it is not served; null when it is
     */
    public record Status(boolean served, int instances, String reason) {
    }
}
