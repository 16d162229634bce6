package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.domain.Ids;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Wire IDs: shape, alphabet, and every position drawing from all 32 characters. No server needed. */
class IdsTest {

    @Test
    void ids_have_the_wire_shape_and_every_position_uses_the_whole_alphabet() {
        Ids ids = new Ids(new SplittableRandom(20261125));
        @SuppressWarnings("unchecked")
        Set<Character>[] seen = new Set[Ids.RANDOM_LENGTH];
        for (int i = 0; i < seen.length; i++) seen[i] = new HashSet<>();
        Set<String> distinct = new HashSet<>();
        for (int n = 0; n < 5_000; n++) {
            String id = ids.next("pay_");
            assertThat(Ids.looksLike(id, "pay_")).as(id).isTrue();
            distinct.add(id);
            for (int i = 0; i < seen.length; i++) seen[i].add(id.charAt(4 + i));
        }
        assertThat(distinct).hasSize(5_000);
        for (Set<Character> position : seen) assertThat(position).hasSize(32);
    }

    @Test
    void random_text_has_the_length_asked_for() {
        Ids ids = new Ids(new SplittableRandom(7));
        for (int length = 0; length <= 64; length++) {
            assertThat(ids.randomBase32(length)).hasSize(length).matches("[a-z2-7]*");
        }
    }
}
