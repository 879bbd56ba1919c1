// The notice part of the config (`config.notice`): everything a privacy notice
// says beyond the cookie declaration, which is generated from the purposes.
// Every visible text is a LocalizedText, so any of it can be given per language.
import type { LocalizedText } from '../types.js';

/** The six lawful bases of GDPR Art. 6(1), a–f. */
export type LegalBasis =
  | 'consent'
  | 'contract'
  | 'legal-obligation'
  | 'vital-interests'
  | 'public-task'
  | 'legitimate-interests';

/** Ways to reach someone. At least one is given wherever a contact is required. */
export interface Contact {
  name?: LocalizedText;
  email?: string;
  phone?: string;
  /** A web page or contact form. */
  url?: string;
  /** Postal address, one line or several separated by newlines. */
  address?: LocalizedText;
  /** When this contact applies (e.g. "voor betrokkenen in China"). */
  note?: LocalizedText;
}

/** A legal entity: a controller or a representative. */
export interface Entity extends Contact {
  name: LocalizedText;
  /** Chamber of Commerce (KvK) / enterprise (KBO) / company registration number. */
  companyNumber?: string;
  /** ISO 3166 alpha-2 country of establishment. */
  country?: string;
}

/** A representative under GDPR Art. 27 (or its UK/Swiss twins). */
export interface Representative extends Entity {
  /** Where it represents the controller: "EU", "EEA", "UK", "CH" or another ISO code. */
  regions: string[];
}

/** What a retention period is counted from. */
export type RetentionAnchor =
  | 'collection'
  | 'creation'
  | 'last-activity'
  | 'account-deletion'
  | 'contract-end'
  | 'licence-expiry'
  | 'trial-end'
  | 'consent-withdrawal'
  | 'delivery'
  | 'purpose-fulfilled';

/** How long data is kept: a duration plus the event it runs from, and/or a text. */
export interface Retention {
  /** ISO 8601 duration, e.g. "P1Y"; "PT0S" for "deleted at once". */
  duration?: string;
  /** The event the duration runs from. Default "collection". */
  from?: RetentionAnchor;
  /** "At the latest" (uiterlijk): the duration is a maximum, not an exact moment. */
  atMost?: boolean;
  /** Free text when the rule is not a fixed period, or to add detail. */
  text?: LocalizedText;
}

/** A recipient or category of recipients (GDPR Art. 13(1)(e)). */
export interface Recipient {
  name: LocalizedText;
  /** "processor" (verwerker), "controller", "joint-controller", "authority", "group", "other". */
  role?: 'processor' | 'controller' | 'joint-controller' | 'authority' | 'group' | 'other';
  description?: LocalizedText;
}

/** One processing activity: why, on what basis, which data, how long, to whom. */
export interface ProcessingActivity {
  id: string;
  name: LocalizedText;
  /** The purpose(s) of the processing, in words. */
  purpose?: LocalizedText;
  /**
   * One basis, or several when the controller relies on more than one. Leave it out
   * when the statement names none for this activity: the notice then says nothing
   * about a basis here (and `notice.basisNote`, if given, speaks for all activities);
   * the validator warns, because Art. 13(1)(c) requires one.
   */
  basis?: LegalBasis | LegalBasis[];
  /** The legitimate interest pursued, the contract, or the legal obligation (Art. 13(1)(d)). */
  basisDetail?: LocalizedText;
  dataCategories?: LocalizedText[];
  /** Whose data it is (klanten, bezoekers, leveranciers…). */
  dataSubjects?: LocalizedText[];
  /** Where data comes from when it is not the visitor (Art. 14(2)(f)). */
  sources?: LocalizedText[];
  retention?: Retention;
  recipients?: Recipient[];
  /** Ids of cookie purposes (config.purposes) this activity covers. */
  cookiePurposes?: string[];
  /** Whether providing the data is required and what happens if not (Art. 13(2)(e)). */
  requirement?: LocalizedText;
}

/** The legal instrument that makes a transfer outside the EEA lawful. */
export type Safeguard =
  | 'adequacy'
  | 'scc'
  | 'bcr'
  | 'dpf'
  | 'derogation'
  | 'consent'
  | 'codes-of-conduct'
  | 'certification'
  | 'none';

export interface Transfer {
  /** ISO 3166 alpha-2 codes (shown as names in the visitor's language). Omitting them is a warning (Art. 13(1)(f)). */
  countries?: string[];
  safeguard: Safeguard;
  /** Who receives the data there. */
  recipients?: LocalizedText;
  /**
   * The controller's own name for the instrument, shown instead of the standard
   * label of `safeguard` (e.g. "modelcontractbepalingen overeenkomstig Besluit
   * 2010/87/EU", which are not the current clauses of Decision 2021/914).
   */
  label?: LocalizedText;
  /** More about the safeguard (the decision it rests on, other schemes), with its qualifiers. */
  detail?: LocalizedText;
  /** How to get a copy of the safeguard (Art. 13(1)(f)). */
  copy?: Contact;
}

/** The rights of the data subject (GDPR Art. 13–22, 7(3), 77). */
export type Right =
  | 'information'
  | 'access'
  | 'rectification'
  | 'erasure'
  | 'restriction'
  | 'portability'
  | 'object'
  | 'object-direct-marketing'
  | 'withdraw-consent'
  | 'automated-decisions'
  | 'complaint';

export interface Rights {
  /** Which rights are listed; default all of them. */
  list?: Right[];
  /** How to exercise them. At least one way. */
  exercise: Contact & { form?: string };
  /** How the requester's identity is checked; `true` for the default sentence. */
  identityCheck?: boolean | LocalizedText;
  /** Exercising a right costs nothing (kosteloos). */
  free?: boolean;
  /** ISO 8601 duration within which requests are answered (Art. 12(3)); no default: without it the notice names no period. */
  responseTime?: string;
  /** Extra or replacement text per right. */
  details?: Partial<Record<Right, LocalizedText>>;
  /** Anything else, e.g. a national do-not-call register. */
  note?: LocalizedText;
}

/** A supervisory authority. */
export interface Authority {
  name: LocalizedText;
  address?: LocalizedText;
  url?: string;
  complaintUrl?: string;
  phone?: string;
}

/**
 * What the statement says about children. `text` is the controller's own words and,
 * when given, is all the notice shows; otherwise it states the bare facts below.
 */
export interface Children {
  /** The age the statement names (e.g. 16 or 18); shown as "Minimum age: 16 years" when there is no `text`. */
  minimumAge?: number;
  /** Data of younger people is processed only with a parent's or guardian's consent. */
  parentalConsent?: boolean;
  text?: LocalizedText;
}

export interface AutomatedDecisions {
  /** Whether decisions are automated (Art. 22); false reads "We do not use automated decision-making." */
  used: boolean;
  /** Whether profiling is used; left out, the notice says nothing about profiling. */
  profiling?: boolean;
  /** The logic involved and the significance and consequences (Art. 13(2)(f)). */
  description?: LocalizedText;
}

export interface PreviousVersion {
  /** YYYY-MM-DD the version took effect; optional because some notices link an undated "vorige versie". */
  date?: string;
  url: string;
}

export interface MaterialChange {
  /** What changed, shown at the top of the notice. */
  summary: LocalizedText;
  /** How many days after the effective date it is shown. Default 30. */
  days?: number;
}

/** A section the model has no slot for (kept so nothing a seed says is dropped). */
export interface ExtraSection {
  id: string;
  title: LocalizedText;
  /** Paragraphs. */
  body: LocalizedText[];
}

/** `config.notice` (contract: `url` is the link the banner shows). */
export interface NoticeConfig {
  /** Where the privacy notice lives; the banner links to it. */
  url?: string;
  title?: LocalizedText;
  /** Opening paragraphs (scope, who it applies to). */
  intro?: LocalizedText[];
  /** Controller entities; the first is the primary one (config.controller.name wins for its name). */
  controllers?: Entity[];
  /** When other entities are the controller instead (e.g. the contracting subsidiary). */
  controllerNote?: LocalizedText;
  /** Data protection officer(s). */
  dpo?: Contact | Contact[];
  /** General privacy contact when it differs from the DPO. */
  contact?: Contact;
  representatives?: Representative[];
  activities?: ProcessingActivity[];
  /** Said about legal bases for all activities (when the statement gives them in general, not per activity). */
  basisNote?: LocalizedText;
  /** A retention rule for every activity (e.g. "no longer than needed for the purposes"); an activity's own `retention` is shown beside it. */
  retention?: Retention;
  /** Recipients that apply to all activities. */
  recipients?: Recipient[];
  /** Whether special categories of data (Art. 9) are processed; false is stated explicitly. */
  specialCategories?: boolean | LocalizedText;
  /** Text above the cookie declaration. */
  cookieIntro?: LocalizedText;
  transfers?: Transfer[];
  /** Said about transfers in general (e.g. "no transfers outside the EEA"). */
  transferNote?: LocalizedText;
  rights?: Rights;
  /** A preset id ("nl-ap", "be-gba") or the authority itself. */
  authority?: string | Authority;
  /**
   * What the statement says about complaints, shown instead of the standard sentence
   * on the right to complain (Art. 77), e.g. a statement's own complaint route.
   */
  complaint?: LocalizedText;
  children?: Children;
  automatedDecisions?: AutomatedDecisions;
  /** Paragraphs about security measures. */
  security?: LocalizedText[];
  /** YYYY-MM-DD the notice takes effect (van kracht met ingang van). */
  effectiveDate?: string;
  /** YYYY-MM-DD of the last edit (Laatst bijgewerkt). */
  lastUpdated?: string;
  previousVersions?: PreviousVersion[];
  materialChange?: MaterialChange;
  /** How changes to the notice are announced. */
  changesNote?: LocalizedText;
  sections?: ExtraSection[];
}
