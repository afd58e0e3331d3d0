package dev.metertap.pgemock.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestJournalTest {

    private static JournalEntry request(int number) {
        return new JournalEntry(Instant.EPOCH, "GET", "/" + number, null, Optional.empty(), Optional.empty(), 200);
    }

    @Test
    void keepsOnlyTheLatestEntriesWhenFull() {
        RequestJournal journal = new RequestJournal(20);
        for (int i = 0; i < 25; i++) {
            journal.record(request(i));
        }
        assertThat(journal.requests()).hasSizeLessThanOrEqualTo(20)
                .last().extracting(JournalEntry::path).isEqualTo("/24");
        assertThat(journal.requests()).extracting(JournalEntry::path).doesNotContain("/0", "/1");
    }

    @Test
    void awaitReturnsAtOnceWhenAlreadyRecordedAndEmptyAfterTheDeadline() throws InterruptedException {
        RequestJournal journal = new RequestJournal();
        journal.record(request(1));
        assertThat(journal.awaitRequest(entry -> entry.path().equals("/1"), Duration.ofSeconds(5))).isPresent();
        assertThat(journal.awaitRequest(entry -> entry.path().equals("/2"), Duration.ofMillis(50))).isEmpty();
        assertThat(journal.awaitRequests(1, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void awaitWakesWhenAnotherThreadRecords() throws InterruptedException {
        RequestJournal journal = new RequestJournal();
        Thread recorder = new Thread(() -> journal.record(request(7)));
        recorder.start();
        assertThat(journal.awaitRequest(entry -> entry.path().equals("/7"), Duration.ofSeconds(10))).isPresent();
        recorder.join();
    }
}
