Feature: Meters read by radio
  Where the utility offers no ZigBee link to the meter, a $25 RTL-SDR dongle and rtlamr hear the meters'
  own radio broadcasts. The radio hears the neighbours' meters too: the collector keeps one's own
  meter's readings, each once, and only counts the others.

  Scenario: One's own gas meter among the neighbours'
    Given a neighbourhood of meters on the air, one's own gas meter 48151623 among them
    And the collector listens to the radio for meter 48151623
    When the radio has heard 600 messages
    Then the collector has every reading of gas meter 48151623 the radio heard, each once
    And the collector stored nothing from the neighbours' meters
    And the collector counted the neighbours' messages

  Scenario: rtlamr stops when rtl_tcp goes away, and the collector starts it again
    Given a neighbourhood of meters on the air, one's own gas meter 48151623 among them
    And rtlamr exits after 250 messages
    And the collector listens to the radio for meter 48151623
    When the radio has heard 600 messages
    Then the collector restarted rtlamr because it "exited with status 1"
    And the collector has every reading of gas meter 48151623 the radio heard, each once
