Feature: Home Assistant over MQTT
  The collector publishes the meter's latest state to an MQTT broker for Home Assistant: the meter is discovered
  on its own, its state is kept by the broker, and its energy counter never goes backwards, even when the display
  glitches.

  @mosquitto
  Scenario: Home Assistant shows the meter's power and energy, through a broker restart and a glitching display
    Given a virtual EMU-2 with seed 42
    And the display reads 0 kWh in 30 % of its summations
    And the collector publishes to Home Assistant over MQTT
    And the collector is reading the display
    When the meter reports 1.250 kW
    And 1 hour passes
    Then Home Assistant discovers the meter with its power and energy
    And Home Assistant shows 1250 W
    And Home Assistant shows the energy imported the display counted last
    When the MQTT broker restarts
    Then Home Assistant shows 1250 W
    And Home Assistant shows the energy imported the display counted last
    And the display said 0 kWh at least once
    And the energy imported Home Assistant was shown never went down
