Feature: Live readings from the EMU-2
  The collector reads the in-home display over its USB serial port and keeps every reading the
  display sends whole, even when the display cuts some of its writes short, restarts, loses the
  meter or is unplugged.

  Background:
    Given a virtual EMU-2 with seed 42

  Scenario: Live demand from a display that cuts its writes short
    Given the display cuts 20 % of its writes short
    And the collector is reading the display
    When 6 hours pass
    Then the collector has every reading the display sent whole, and no other
    And some of the display's readings were cut short

  Scenario: The meter reports a steady demand
    Given the collector is reading the display
    When the meter reports 1.250 kW
    And 10 minutes pass
    Then the collector's latest demand is 1.250 kW

  Scenario: Rooftop solar exports power around midday
    Given the house has 6000 W of rooftop solar
    And the collector is reading the display
    When 12 hours pass
    Then the collector saw the house export power
    And the collector saw the exported energy total grow
    And the collector has every reading the display sent whole, and no other

  Scenario: The display restarts and joins the meter again
    Given the collector is reading the display
    And 5 minutes pass
    When the collector tells the display to restart
    And 10 minutes pass
    Then the collector saw the link go "Joining", then "Connected"
    And the collector has every reading the display sent whole, and no other

  Scenario: The display loses the meter and rejoins
    Given the collector is reading the display
    And 5 minutes pass
    When the display loses the meter for 3 minutes
    And 10 minutes pass
    Then the collector saw the link go "Rejoining", then "Connected"
    And the collector's link to the meter is "Connected"
    And the collector has every reading the display sent whole, and no other

  Scenario: The cable is pulled and plugged back in
    Given the collector is reading the display
    And 5 minutes pass
    When the cable is pulled for 30 seconds
    And 5 minutes pass
    Then the collector reconnected 1 time
    And some of the display's readings were lost while unplugged
    And the collector has every reading the display sent whole, and no other

  Scenario: Two meters, one of them Itron-style
    Given the display is paired with two meters, the second one Itron-style
    And the collector is reading the display
    When 1 hour passes
    Then the collector has demand readings from both meters
    And the collector has every reading the display sent whole, and no other
