package org.lapsewatch.watch;

import org.lapsewatch.model.Registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The fields in which two registration observations differ, in §7 field order. */
public final class RegistrationDiff {
    private RegistrationDiff() {
    }

    /** One differing field; values are shown as text, null when absent. */
    public record Change(String field, String before, String after) {
    }

    private record Field(String name, Function<Registration, Object> value) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("source", r -> r.source().wireName()),
            new Field("server", Registration::server),
            new Field("state", r -> r.state().wireName()),
            new Field("status", r -> r.status().stream().sorted().toList()),
            new Field("created", Registration::created),
            new Field("updated", Registration::updated),
            new Field("expires", Registration::expires),
            new Field("releases", Registration::releases),
            new Field("registrar", Registration::registrar),
            new Field("nameservers", r -> r.nameservers().stream().sorted().toList()),
            new Field("dnssec", Registration::dnssec),
            new Field("handle", Registration::handle),
            new Field("reason", Registration::reason));

    public static List<Change> between(Registration before, Registration after) {
        List<Change> changes = new ArrayList<>();
        for (Field field : FIELDS) {
            Object a = field.value().apply(before);
            Object b = field.value().apply(after);
            if (!Objects.equals(a, b)) {
                changes.add(new Change(field.name(), a == null ? null : a.toString(), b == null ? null : b.toString()));
            }
        }
        return changes;
    }
}
