package com.shopkeeper.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A message read as meant once its writer corrected themselves in it (issue 14: never act on what was taken back). */
class SecondThoughtsTest {

    @Test
    void aProductNamedAgainReplacesTheOneTakenBackAndKeepsTheVerb() {
        assertThat(SecondThoughts.meant("put the green mug in no wait the grey mug")).isEqualTo("put the grey mug");
        assertThat(SecondThoughts.meant("I'll take the oak ones, sorry, the walnut ones")).isEqualTo("I'll take the walnut ones");
        assertThat(SecondThoughts.meant("add the small one no the large one please")).isEqualTo("add the large one please");
        // a remark on why between: the product meant is the one named last
        assertThat(SecondThoughts.meant("the white one. wait theres two white ones, the halter one")).isEqualTo("the halter one");
        assertThat(SecondThoughts.meant("add the blue one. no wait, she hates blue, the pink one")).isEqualTo("add the pink one");
        // a remark alone names nothing: the pick stands
        assertThat(SecondThoughts.meant("add the blue one. wait, that's for her, she likes it"))
                .isEqualTo("add the blue one. wait, that's for her, she likes it");
    }

    @Test
    void aRequestOfItsOwnReplacesTheClauseTakenBackAndEarlierSentencesStand() {
        assertThat(SecondThoughts.meant("add the kettle... actually no, just show me my basket")).isEqualTo("just show me my basket");
        assertThat(SecondThoughts.meant("Love these. Add two of the first. Hmm, on second thought, what do returns cost?"))
                .isEqualTo("Love these. what do returns cost?");
        assertThat(SecondThoughts.meant("remove the rug, scratch that, remove the runner")).isEqualTo("remove the runner");
    }

    @Test
    void aCancelTakesTheClauseBackAndLeavesOnlyWhatAsks() {
        assertThat(SecondThoughts.meant("and a lamp for the hall... forget the lamp, the hall is dark anyway")).isEmpty();
        assertThat(SecondThoughts.meant("add the throw. order the vase, never mind, empty my cart")).isEqualTo("add the throw. empty my cart");
        assertThat(SecondThoughts.meant("order the vase, oh never mind")).isEmpty();
        assertThat(SecondThoughts.meant("add the throw. never mind all of that, empty my cart")).isEqualTo("empty my cart");
    }

    @Test
    void aCountSaidAgainReplacesTheCountTheClauseSaid() {
        assertThat(SecondThoughts.meant("add 3. wait, 2")).isEqualTo("add 2");
        assertThat(SecondThoughts.meant("make it 2. wait no, 1 is enough")).isEqualTo("make it 1");
        assertThat(SecondThoughts.meant("add 3 of the end-grain one. sorry, 2")).isEqualTo("add 2 of the end-grain one");
        assertThat(SecondThoughts.meant("add 3 no 1")).isEqualTo("add 1");
        assertThat(SecondThoughts.meant("add 2, no make that 3")).isEqualTo("add 3");
        assertThat(SecondThoughts.meant("make the knife 2... actually no leave it at 1")).isEqualTo("make the knife 1");
        // the 2nd is which, not how many: nothing to replace
        assertThat(SecondThoughts.meant("the 2nd one. sorry, 3")).isEqualTo("the 2nd one. sorry, 3");
    }

    @Test
    void aPriceOrAKindSaidAgainReplacesWhatTheClauseSaid() {
        assertThat(SecondThoughts.meant("lamps under 50... actually make it under 80")).isEqualTo("lamps under 80");
        assertThat(SecondThoughts.meant("kitchen stuff under 30, sorry under 40")).isEqualTo("kitchen stuff under 40");
        assertThat(SecondThoughts.meant("show me yoga mats under 30, sorry 40, and also foam rollers"))
                .isEqualTo("show me yoga mats under 40, and also foam rollers");
        assertThat(SecondThoughts.meant("show me desks, no, bookshelves under 100")).isEqualTo("show me bookshelves under 100");
        assertThat(SecondThoughts.meant("in red, wait no, in black")).isEqualTo("in black");
        assertThat(SecondThoughts.meant("just one of those. no, two")).isEqualTo("just two of those");
        assertThat(SecondThoughts.meant("add it... actually no, first tell me if it's machine washable"))
                .isEqualTo("tell me if it's machine washable");
        // a remark after a "no" is no product to search for
        assertThat(SecondThoughts.meant("add it, no rush")).isEqualTo("add it, no rush");
        assertThat(SecondThoughts.meant("show me lamps, no worries")).isEqualTo("show me lamps, no worries");
    }

    @Test
    void aLastSentenceThatSettlesOnAnotherProductReplacesTheOneTheRequestNamed() {
        assertThat(SecondThoughts.meant("add it. hmm, or the black one? yes the black one instead")).isEqualTo("add the black one");
        assertThat(SecondThoughts.meant("add the grey one. or the black one? the black one instead")).isEqualTo("add the black one");
        assertThat(SecondThoughts.meant("add it. hmm no. show me the red one instead")).isEqualTo("show me the red one instead");
    }

    @Test
    void wordsThatTakeNothingBackLeaveTheMessageAlone() {
        for (String same : new String[] {
                "do you actually have the tall ones", "actually, add two", "never mind, do you have lamps?",
                "the first one sorry", // an apology
                "add the mat. wait, also the strap", // adds, takes nothing back
                "a lamp with no shade", "is it in stock? no? ok add it", "no thanks"}) {
            assertThat(SecondThoughts.meant(same)).as(same).isEqualTo(same);
        }
    }
}
