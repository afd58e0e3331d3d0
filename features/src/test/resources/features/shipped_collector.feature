Feature: The collector as it ships
  `metertap run` from the jar the build made, started as a user or systemd starts it, on the
  metertap.yaml the scenario writes: the same collector the other scenarios run in-process, now in
  its own JVM, with its status endpoint and a real SIGTERM.

  Scenario: It reads the display, forwards what it stored and stops cleanly
    Given a virtual EMU-2 with seed 42
    And the display cuts 20 % of its writes short
    And the collector forwards to standard output
    When "metertap run" starts from the built jar, reading the display
    And 1 hour passes
    Then its status says it is connected to the display and has stored readings
    And its metrics count the fragments it accepted and those the display cut short
    When it is sent SIGTERM
    Then it exits with status 0, having logged no warning
    And its store holds every reading the display sent whole, once, and so did standard output

  Scenario: It fetches PG&E's recent days as it starts
    Given PG&E holds 15-minute electricity readings with solar export and daily gas readings for my home
    And the collector asks PG&E for the last 3 days at start and every morning
    And a virtual EMU-2 with seed 7
    When "metertap run" starts from the built jar, reading the display
    Then it logs that PG&E's recent days arrived
    And its status shows when PG&E last answered, and no refused notification
    When it is sent SIGTERM
    Then it exits with status 0, having logged no warning
    And its store holds every interval PG&E has for those days, once, with its exact value
