// Reporting verbs: the words that tie a quote to its speaker.

const VERB_STEMS = [
  'say', 'said', 'says', 'saying',
  'tell', 'told', 'tells', 'telling',
  'add', 'added', 'adds', 'adding',
  'stress', 'stressed', 'stresses', 'stressing',
  'emphasise', 'emphasised', 'emphasises', 'emphasising', 'emphasize', 'emphasized', 'emphasizes', 'emphasizing',
  'warn', 'warned', 'warns', 'warning',
  'insist', 'insisted', 'insists', 'insisting',
  'continue', 'continued', 'continues',
  'write', 'wrote', 'writes', 'writing',
  'explain', 'explained', 'explains', 'explaining',
  'argue', 'argued', 'argues', 'arguing',
  'claim', 'claimed', 'claims',
  'note', 'noted', 'notes',
  'state', 'stated', 'states',
  'declare', 'declared', 'declares',
  'announce', 'announced', 'announces',
  'admit', 'admitted', 'admits',
  'ask', 'asked', 'asks',
  'reply', 'replied', 'replies',
  'respond', 'responded', 'responds',
  'comment', 'commented', 'comments',
  'remark', 'remarked',
  'recall', 'recalled', 'recalls',
  'suggest', 'suggested', 'suggests',
  'acknowledge', 'acknowledged', 'acknowledges',
  'conclude', 'concluded', 'concludes',
  'predict', 'predicted', 'predicts',
  'urge', 'urged', 'urges',
  'confirm', 'confirmed', 'confirms',
  'joke', 'joked', 'jokes',
  'quip', 'quipped',
  'concede', 'conceded', 'concedes',
  'maintain', 'maintained', 'maintains',
  'observe', 'observed', 'observes',
  'report', 'reported', 'reports',
  'read', 'reads',
  'tweet', 'tweeted',
  'complain', 'complained', 'complains',
  'reveal', 'revealed', 'reveals',
  'promise', 'promised', 'promises',
  'vow', 'vowed', 'vows',
  'caution', 'cautioned', 'cautions',
  'assure', 'assured',
  'counter', 'countered',
  'demand', 'demanded',
  'muse', 'mused',
  'boast', 'boasted',
  'plead', 'pleaded',
  'protest', 'protested',
  'reiterate', 'reiterated', 'reiterates',
  'agree', 'agreed', 'agrees',
  'believe', 'believes', 'believed',
  'think', 'thinks', 'thought',
  'describe', 'described', 'describes',
  'call', 'called', 'calls',
  'shout', 'shouted', 'cry', 'cried', 'whisper', 'whispered', 'exclaim', 'exclaimed',
  'announce', 'proclaim', 'proclaimed', 'assert', 'asserted', 'asserts', 'affirm', 'affirmed',
  'elaborate', 'elaborated', 'opine', 'opined', 'rule', 'ruled', 'sing', 'sang', 'sings',
];

/** Verbs that introduce speech; the lower-case word forms. */
export const REPORTING_VERBS = new Set(VERB_STEMS);

/** Verbs that only report speech when the quote is their object right beside them ("…," he thought). */
export const WEAK_VERBS = new Set([
  'believe', 'believes', 'believed', 'think', 'thinks', 'thought', 'describe', 'described', 'describes', 'call', 'called',
  'calls', 'rule', 'ruled', 'state', 'states', 'note', 'notes', 'read', 'reads', 'report', 'reports', 'continue', 'continues',
  'counter', 'comment', 'comments', 'claims', 'sing', 'sang', 'sings', 'agree', 'agrees', 'demand', 'promise', 'promises',
  'reveal', 'reveals', 'caution', 'cautions', 'plead', 'protest', 'muse', 'boast', 'cry', 'saying', 'telling',
]);

/** Verb-first inversions ("…," said Tim Ash): only these verbs invert in news English. */
export const INVERTING_VERBS = new Set([
  'said', 'says', 'added', 'adds', 'asked', 'asks', 'continued', 'continues', 'explained', 'explains', 'wrote', 'writes',
  'warned', 'warns', 'insisted', 'insists', 'stressed', 'stresses', 'replied', 'replies', 'argued', 'argues', 'noted',
  'notes', 'observed', 'remarked', 'recalled', 'recalls', 'concluded', 'concludes', 'told', 'admitted', 'admits',
  'emphasised', 'emphasized', 'declared', 'suggested', 'suggests', 'commented', 'comments', 'countered', 'joked', 'jokes',
  'quipped', 'conceded', 'predicted', 'predicts', 'confirmed', 'confirms', 'claimed', 'claims', 'urged', 'cautioned',
  'maintained', 'maintains', 'complained', 'complains', 'mused', 'boasted', 'cried', 'shouted', 'exclaimed', 'says',
  'reported', 'announced', 'stated', 'tweeted', 'responded', 'acknowledged', 'acknowledges', 'agreed', 'agrees', 'reflected',
  'reflects', 'enthused', 'enthuses', 'revealed', 'reveals', 'recalled', 'reiterated', 'laughed', 'smiled', 'sighed',
  'declared', 'declares', 'announces', 'promised', 'vowed', 'wondered', 'pointed', 'remarks', 'states', 'notes', 'adds',
  'elaborated', 'opined', 'proclaimed', 'assured', 'boasts', 'concedes', 'complains', 'whispered', 'retorted', 'snapped',
]);

/** Adverbs and auxiliaries that may stand between a speaker and the verb ("he also said", "has repeatedly warned"). */
export const VERB_FILLERS = new Set([
  'also', 'later', 'then', 'has', 'had', 'have', 'was', 'is', 'were', 'are', 'had', 'once', 'again', 'previously',
  'earlier', 'recently', 'repeatedly', 'simply', 'just', 'further', 'only', 'subsequently', 'quickly', 'firmly', 'angrily',
  'flatly', 'publicly', 'privately', 'reportedly', 'apparently', 'famously', 'memorably', 'bluntly', 'candidly', 'frankly',
  'openly', 'tersely', 'calmly', 'proudly', 'cheerfully', 'defiantly', 'insistently', 'duly', 'would', 'will', 'may', 'might',
  'could', 'should', 'can', 'did', 'does', 'do', 'went', 'on', 'to', 'go', 'goes', 'not', 'never', 'has', 'been', 'being',
  'once', 'still', 'even', 'however', 'however,', 'though', 'too', 'yesterday', 'today',
]);

/** A phrase like "went on to say", "was quoted as saying": the verb is the last word. */
export function isReportingVerb(word: string): boolean {
  return REPORTING_VERBS.has(word.toLowerCase());
}
