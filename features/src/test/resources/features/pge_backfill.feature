Feature: Backfilling PG&E's history
  The collector asks PG&E for its history in bulk, window by window; PG&E answers each request
  later with a notification. Notifications get lost, come twice, or are forged: the store still
  ends up with every interval exactly once, and nothing is fetched from a host that is not PG&E.

  Scenario: A backfill through lost, duplicated and forged notifications
    Given PG&E holds 15-minute electricity readings with solar export and daily gas readings for my home
    And PG&E loses the notification of bulk request 1
    And PG&E sends the notification of bulk request 2 twice
    And PG&E's notification of bulk request 3 is forged, pointing at another host
    When the collector backfills January 2025 in 10-day windows
    Then the store holds every interval PG&E has for that period, once, with its exact value
    And the collector asked again for the window whose notification never came
    And every notified resource was fetched once
    And the forged notification was refused and the other host never contacted
