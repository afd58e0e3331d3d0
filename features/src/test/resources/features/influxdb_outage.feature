Feature: Forwarding to InfluxDB
  Every reading goes to the collector's own store first; InfluxDB gets them from there. When
  InfluxDB is down the readings wait, and when it is back it gets each of them once.

  @influxdb
  Scenario: InfluxDB is down for two hours
    Given a virtual EMU-2 with seed 42
    And the display cuts 20 % of its writes short
    And the collector forwards its store to InfluxDB
    And the collector is reading the display
    When 1 hour passes
    And InfluxDB goes down
    And 2 hours pass
    Then the readings InfluxDB has not got wait in the store
    When InfluxDB comes back
    And 1 hour passes
    Then InfluxDB holds every reading the display sent whole, once
