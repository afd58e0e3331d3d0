@device
Feature: A real EMU-2
  Run only with -Demu2.port=/dev/… (see features/README.md). Nothing here knows what the meter
  really measured, so the checks are the ones any working display must pass.

  Scenario: Readings arrive within 30 s
    Given the collector is reading the real EMU-2
    Then a demand reading arrives within 30 seconds

  Scenario: The display answers get_device_info
    Given the collector is reading the real EMU-2
    Then the display tells its MAC id and firmware version when asked
