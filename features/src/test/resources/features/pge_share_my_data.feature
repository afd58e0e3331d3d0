Feature: PG&E Share My Data
  The collector talks to PG&E's Share My Data over mutual TLS with the certificate the user
  registered (the mock's client kit: a certificate from the user's own root, which PG&E's CA list
  never names), gets OAuth tokens with the portal's client id and secret, and keeps working when a
  token runs out.

  Scenario: The registration check passes
    When I run "metertap pge check" with a configuration made from my client kit
    Then every step of the check passes
    And the check warns that Java's default client would send no certificate

  Scenario: PG&E's CA list traps a default Java client, not the collector
    When a Java client with default settings asks PG&E for a token with my certificate
    Then PG&E refuses it with 400 "Invalid Certificate"
    And PG&E saw no certificate on that request
    When the collector asks PG&E for a token
    Then PG&E saw my registered certificate on the collector's request

  Scenario: A token runs out before the collector expects it to
    Given PG&E's tokens last 10 minutes
    When the collector reads PG&E's service status
    And 15 minutes pass at PG&E
    And the collector reads PG&E's service status
    Then every service status read says PG&E is available
    And PG&E refused the expired token once and the collector got a new one

  Scenario: A feature author scripts an outage with a WireMock mapping file
    Given PG&E answers as the mapping file "service-status-outage.json" says
    When the collector reads PG&E's service status
    Then the service status read says PG&E is unavailable
