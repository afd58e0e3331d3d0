Feature: A day at home, end to end
  The collector reads the EMU-2 live all day and, the next day, fetches PG&E's interval data for
  that day: both end up in the same store, each exactly as its source sent it.

  Scenario: A day of live readings, then PG&E's data for the same day
    Given a virtual EMU-2 with seed 42
    And the display's clock starts on 2024-06-01 at midnight
    And the display cuts 20 % of its writes short
    And PG&E holds 15-minute electricity readings with solar export and daily gas readings for my home
    And the collector is reading the display
    When 24 hours pass
    And the next day the collector backfills PG&E's data for 2024-06-01
    Then the store holds every reading the display sent whole, once
    And the store holds every interval PG&E has for that period, once, with its exact value
