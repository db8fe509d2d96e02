package org.lapsewatch.sim;

import org.xbill.DNS.Name;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which loopback address each simulated nameserver has. The recursive resolver is on
 * 127.0.0.1, the root on 127.0.1.1, TLD servers on 127.0.2.x and zone nameservers from
 * 127.0.3.1 on, in sorted host-name order, so a scenario always gets the same addresses. They
 * all listen on one port. (127.0.0.43 is the registrar WHOIS server's.)
 */
final class DnsLayout {
    static final Name ROOT_HOST = Names.absolute("a.root-servers.sim");

    /** A simulated nameserver's job, decided by the address a query arrived on. */
    sealed interface Role {
        Name host();
    }

    record Root(Name host) implements Role {
    }

    record TldServer(String tld, Name host) implements Role {
    }

    record ZoneServer(Name host) implements Role {
    }

    private final InetAddress resolver;
    private final Map<InetAddress, Role> roles = new LinkedHashMap<>();
    private final Map<Name, InetAddress> addresses = new LinkedHashMap<>();
    private final Map<String, Name> tldHosts = new LinkedHashMap<>();

    DnsLayout(Scenario scenario) {
        resolver = loopback(0, 1);
        add(new Root(ROOT_HOST), loopback(1, 1));
        int i = 0;
        for (String tld : scenario.tlds()) {
            Name host = Names.absolute("a.nic." + tld);
            tldHosts.put(tld, host);
            add(new TldServer(tld, host), loopback(2, 1 + i++));
        }
        int n = 0;
        for (String host : scenario.nameserverHosts()) {
            if (n >= 250 * 250) {
                throw new ScenarioException("scenario " + scenario.name() + " has more nameserver hosts than loopback addresses");
            }
            add(new ZoneServer(Names.absolute(host)), loopback(3 + n / 250, 1 + n % 250));
            n++;
        }
    }

    private void add(Role role, InetAddress address) {
        roles.put(address, role);
        addresses.put(role.host(), address);
    }

    /** {@code 127.0.third.fourth}. */
    static InetAddress loopback(int third, int fourth) {
        try {
            return InetAddress.getByAddress(new byte[]{127, 0, (byte) third, (byte) fourth});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    InetAddress resolverAddress() {
        return resolver;
    }

    InetAddress rootAddress() {
        return addresses.get(ROOT_HOST);
    }

    /** Every nameserver address (not the resolver's). */
    Map<InetAddress, Role> roles() {
        return Collections.unmodifiableMap(roles);
    }

    Name tldHost(String tld) {
        return tldHosts.get(tld);
    }

    /** The loopback address of a simulated nameserver host, or null when the scenario has none. */
    InetAddress addressOf(Name host) {
        return addresses.get(host);
    }

    Optional<Role> roleOf(Name host) {
        InetAddress address = addresses.get(host);
        return address == null ? Optional.empty() : Optional.of(roles.get(address));
    }
}
