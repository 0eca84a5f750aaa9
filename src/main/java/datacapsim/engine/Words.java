package datacapsim.engine;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The scenario's words for the closed sets the engine maps onto typed values: an enum constant's word is its name in
 * lower case with '-' for '_' ({@code FIP_0081} is {@code fip-0081}). The loader has already checked each word
 * against its field's allowed list, so an unknown word here is a programming error.
 */
final class Words {
    private Words() {}

    /** The word of an enum constant. */
    static String word(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** The constant of {@code type} whose word is {@code word}. */
    static <E extends Enum<E>> E parse(Class<E> type, String word) {
        return find(List.of(type.getEnumConstants()), Words::word, word, type.getSimpleName());
    }

    /** The one of {@code all} whose word ({@code wordOf}) is {@code word}; {@code what} names the set in the error. */
    static <T> T find(List<T> all, Function<T, String> wordOf, String word, String what) {
        for (T t : all) if (wordOf.apply(t).equals(word)) return t;
        throw new IllegalArgumentException("no " + what + " is called '" + word + "'");
    }
}
