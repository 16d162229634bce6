package dev.till.core.storage;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.Arguments;
import org.jdbi.v3.core.argument.QualifiedArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.qualifier.QualifiedType;

/**
 * Remembers, for the whole process, which of JDBI's argument factories binds each parameter type.
 * JDBI keeps that answer in its {@link Arguments} configuration, but every statement works on a
 * copy that starts empty, so each statement searched the factory list again for every type it
 * binds: 5% of the gateway's CPU under load (docs/hot-path.md, session 7). Installed first in the
 * list, this answers from a copy of the list as it stood, which is never copied again and so
 * keeps its answers. Types it cannot prepare fall through to the list exactly as before.
 * Thread-safe.
 */
final class PreparedArguments implements QualifiedArgumentFactory.Preparable {
    private final Arguments resolved;

    private PreparedArguments(Arguments resolved) {
        this.resolved = resolved;
    }

    /** Call once, after every plugin and factory is installed: later ones are not in the copy. */
    static void install(Jdbi jdbi) {
        Arguments resolved = jdbi.getConfig(Arguments.class).createCopy();
        resolved.setRegistry(jdbi.getConfig());
        jdbi.registerArgument(new PreparedArguments(resolved));
    }

    @Override
    public Optional<Function<Object, Argument>> prepare(QualifiedType<?> type, ConfigRegistry config) {
        return resolved.prepareFor(type);
    }

    @Override
    public Optional<Argument> build(QualifiedType<?> type, Object value, ConfigRegistry config) {
        return Optional.empty(); // the list's own factories build what cannot be prepared
    }
}
