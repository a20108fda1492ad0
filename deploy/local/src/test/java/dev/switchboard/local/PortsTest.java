package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Free ports stay out of the way of outgoing connections and of each other. */
class PortsTest {

    @Test
    void freePortsLieBelowTheEphemeralRangeWithRoomForTheirManagementPort() {
        List<Integer> ports = IntStream.range(0, 50).mapToObj(i -> Ports.free()).toList();

        assertThat(ports).allSatisfy(port -> assertThat(port + Stack.MANAGEMENT_OFFSET).isLessThan(32_768));
        assertThat(ports).allSatisfy(port -> assertThat(Ports.inUse(port)).isFalse());
    }

    @Test
    void noPortIsHandedOutTwiceNorAtAnotherPortsManagementOffset() {
        List<Integer> ports = IntStream.range(0, 200).mapToObj(i -> Ports.free()).toList();

        Set<Integer> seen = new HashSet<>(ports);
        assertThat(seen).hasSize(ports.size());
        assertThat(ports).noneMatch(port -> seen.contains(port + Stack.MANAGEMENT_OFFSET));
    }
}
