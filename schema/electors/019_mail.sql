-- 019_mail.sql: the receipt sent by email on the elector's request
-- (R-VOTE-6, "optionally also sent by email").
--
-- The web worker only INSERTs a request, with the receipt the cast returned
-- (signature checked); isoloir-mailer sends it through the platform's mail
-- relay, then clears the payload: the elector → tracker link this row holds
-- (the elector's own choice) lives only until the email is handed over.
-- One request per elector and scrutin: the page cannot be used to flood a
-- mailbox. The address is never taken from the request, only from the
-- electors list.
CREATE TABLE mail_outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  elector_id INT UNSIGNED NOT NULL,
  scrutin_id INT UNSIGNED NOT NULL,
  kind ENUM('recepisse') NOT NULL,
  payload TEXT NULL,                  -- the signed receipt (JSON); NULL once sent
  requested_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  sent_at DATETIME(6) NULL,
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  last_error VARCHAR(255) NOT NULL DEFAULT '',
  UNIQUE (elector_id, scrutin_id, kind),
  KEY (sent_at),
  FOREIGN KEY (elector_id) REFERENCES elector (id),
  FOREIGN KEY (scrutin_id) REFERENCES scrutin (id)
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (19, '019_mail');
