package dev.switchboard.contracts;

/**
 * Which adapter instances serve which provider now, from the announcements read off {@code switchboard.adapters}, each
 * held for its TTL as {@link Heartbeats} says (a tombstone removes its instance at once).
 */
public final class AnnouncedAdapters {

    /** Why a provider is not served when no adapter instance announces it. */
    public static final String NOBODY = "no adapter consumes its request topic";

    private final Heartbeats<AdapterAnnouncement> announcements;

    /** A view of these announcements, as an {@link AnnouncementReader} of {@code switchboard.adapters} holds them. */
    public AnnouncedAdapters(Heartbeats<AdapterAnnouncement> announcements) {
        this.announcements = announcements;
    }

    /** Whether a live adapter instance that can call this provider consumes its request topic. */
    public boolean isServed(String provider) {
        return announcements.anyLive(announcement -> announcement.usable() && provider.equals(announcement.provider()));
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
