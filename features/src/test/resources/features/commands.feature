Feature: Asking the EMU-2 questions
  The collector asks the display for readings on demand; when the display cuts an answer short
  the collector asks again and never takes a broken answer.

  Scenario: Asking for demand while the display cuts its writes short
    Given a virtual EMU-2 with seed 4
    And the display cuts 30 % of its writes short
    And the collector is reading the display
    When the collector asks the display for the current demand 10 times, a minute apart
    Then every answer is a demand the display sent whole
    And some answers were cut short and asked for again
