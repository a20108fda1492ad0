package dev.switchboard.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/** Whether NetworkPolicies let a connection through, by the rules Kubernetes applies to them. */
final class Traffic {

    /** A pod as policies see it: its namespace, its labels and its named ports. */
    record Pod(String namespace, Map<String, String> labels, Map<String, Integer> ports) {
    }

    /** One end of a connection: a pod, or an IPv4 address outside the cluster. */
    record Peer(Pod pod, String address) {

        static Peer of(Pod pod) {
            return new Peer(pod, null);
        }

        static Peer outside(String address) {
            return new Peer(null, address);
        }
    }

    private final List<NetworkPolicy> policies;

    Traffic(List<NetworkPolicy> policies) {
        this.policies = policies;
    }

    boolean allows(Peer from, Peer to, int port, String protocol) {
        boolean out = from.pod() == null || admits(from.pod(), "Egress", to, to.pod(), port, protocol);
        boolean in = to.pod() == null || admits(to.pod(), "Ingress", from, to.pod(), port, protocol);
        return out && in;
    }

    private boolean admits(Pod pod, String direction, Peer other, Pod receiver, int port, String protocol) {
        List<Rule> rules = new ArrayList<>();
        boolean isolated = false;
        for (NetworkPolicy policy : policies) {
            String namespace = policy.getMetadata().getNamespace();
            if (!pod.namespace().equals(namespace) || !Selectors.matches(policy.getSpec().getPodSelector(), pod.labels())
                    || !types(policy).contains(direction)) {
                continue;
            }
            isolated = true;
            if (direction.equals("Ingress")) {
                nullToEmpty(policy.getSpec().getIngress())
                        .forEach(rule -> rules.add(new Rule(namespace, rule.getFrom(), rule.getPorts())));
            } else {
                nullToEmpty(policy.getSpec().getEgress())
                        .forEach(rule -> rules.add(new Rule(namespace, rule.getTo(), rule.getPorts())));
            }
        }
        return !isolated || rules.stream().anyMatch(rule -> rule.matches(other, receiver, port, protocol));
    }

    /** Ingress is always a type of a policy that does not say; egress when it has egress rules. */
    private static List<String> types(NetworkPolicy policy) {
        if (policy.getSpec().getPolicyTypes() != null && !policy.getSpec().getPolicyTypes().isEmpty()) {
            return policy.getSpec().getPolicyTypes();
        }
        return policy.getSpec().getEgress() == null ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** One ingress or egress rule: the peers it admits (none listed: all) on its ports (none listed: all). */
    private record Rule(String namespace, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {

        boolean matches(Peer peer, Pod receiver, int port, String protocol) {
            boolean peerMatches = peers == null || peers.isEmpty()
                    || peers.stream().anyMatch(candidate -> matches(candidate, peer));
            boolean portMatches = ports == null || ports.isEmpty()
                    || ports.stream().anyMatch(candidate -> matches(candidate, receiver, port, protocol));
            return peerMatches && portMatches;
        }

        private boolean matches(NetworkPolicyPeer candidate, Peer peer) {
            if (candidate.getIpBlock() != null) {
                return peer.address() != null && contains(candidate.getIpBlock(), peer.address());
            }
            if (peer.pod() == null) {
                return false;
            }
            boolean namespaceMatches = candidate.getNamespaceSelector() == null ? peer.pod().namespace().equals(namespace)
                    : Selectors.matches(candidate.getNamespaceSelector(),
                            Map.of("kubernetes.io/metadata.name", peer.pod().namespace()));
            return namespaceMatches
                    && (candidate.getPodSelector() == null
                            || Selectors.matches(candidate.getPodSelector(), peer.pod().labels()));
        }

        private static boolean matches(NetworkPolicyPort candidate, Pod receiver, int port, String protocol) {
            if (!Objects.requireNonNullElse(candidate.getProtocol(), "TCP").equals(protocol)) {
                return false;
            }
            IntOrString wanted = candidate.getPort();
            if (wanted == null) {
                return true;
            }
            if (wanted.getIntVal() != null) {
                int end = Objects.requireNonNullElse(candidate.getEndPort(), wanted.getIntVal());
                return port >= wanted.getIntVal() && port <= end;
            }
            return receiver != null && Objects.equals(receiver.ports().get(wanted.getStrVal()), port);
        }

        private static boolean contains(IPBlock block, String address) {
            return inCidr(block.getCidr(), address)
                    && nullToEmpty(block.getExcept()).stream().noneMatch(except -> inCidr(except, address));
        }

        private static boolean inCidr(String cidr, String address) {
            if (cidr.contains(":") || address.contains(":")) {
                return false;
            }
            String[] parts = cidr.split("/");
            int bits = Integer.parseInt(parts[1]);
            long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
            return (ipv4(parts[0]) & mask) == (ipv4(address) & mask);
        }

        private static long ipv4(String address) {
            long value = 0;
            for (String octet : address.split("\\.")) {
                value = value << 8 | Integer.parseInt(octet);
            }
            return value;
        }
    }
}
