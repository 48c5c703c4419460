"""The cue tables: words that say whose a symptom is, when it was, whether it is there, and idioms.

Everything is a regular expression over normalised text (lower case, no apostrophes: "cant", "im").
The red-flag terms themselves are not here: they live once, with their sources, in
stretch_content/content.yml (``red_flags``). Pain words are here because pain is no red flag.
"""

from __future__ import annotations

# IDIOMS: phrases that contain a symptom word but say something else. They are blanked out before
# anything else is read ("I fell asleep", "numb to the news", "a pain in the neck").
IDIOMS = (
    # a blank, not a faint: "I blacked out... on the second half of the instructions lol"
    r"\b(blacked|blanked|zoned|spaced) out\W+(on|during|for|through) (the|that|this|those|your|my) "
    r"(\w+ )?(\w+ )?(half|part|bit|instructions?|steps?|directions?|explanation|video)\b",
    # laughter, not weakness: "my legs gave out... from laughing at my grandsons dance moves"
    r"\b(legs|knees) (gave out|gave way|went weak|buckled)\W+(from|with) (laugh\w*|giggl\w*)\b",
    # asleep, not unconscious: "passed out on the couch after the 3am feed, woke up and did the stretches"
    r"\b(passed|crashed|conked) out (on|in) (the|my) (couch|sofa|bed|recliner|chair|floor)\b(?=[^?!]{0,80}\b(woke|"
    r"slept|nap|napped|feed|feeding|shift|night shift)\b)",
    r"\b(blacked|blacking|black) out (the|my|those|these|some|a few|next) (calendar|dates?|days?|weeks?|weekends?|"
    r"time|times|schedule|windows?|slots?|mornings?|afternoons?|evenings?)\b",
    r"\b(fell|fall|falls|falling|fallen) (asleep|behind|in love|for (it|him|her|that|this|you)|apart|through|short|"
    r"flat|off the wagon|into place|in line|back on|into (a |the )?(habit|routine|rhythm))\b",
    r"\b(fell|fall|falls|falling) for\b",
    r"\b(cant|cannot) (breathe|live|function|survive) without\b",
    r"\bfever blisters?\b",
    r"\b(food|salmonella) poisoning\b|\bpoison (ivy|oak|sumac)\b|\bpoisoning (the|my|his|her) (mind|well)\b",
    r"\b(could|would|will|gonna|going to|about to|nearly|almost) (just )?(die|died) (of|from) (embarrassment|shame|"
    r"laughter|laughing|boredom|happiness|cuteness)\b|\bdie (of|from) (embarrassment|shame|laughter|boredom)\b",
    r"\b(id|i would|i could|would|to) (die|kill) for\b",
    # the guide's own pose words, asked about: "chest towards thighs?", "head towards your chest"
    r"\b(chest|head) (towards?|to|down to|on|against|near) (my |your |the )?(thighs?|knees?|legs?|floor|mat|chest)\b|"
    r"\b(head|chin) (towards?|to) (my |your |the )?chest\b",
    r"\b(about|almost|nearly|practically|just about) had a heart attack\b(?=[^.?!]{0,40}\b(when|at|seeing|saw|over|"
    r"reading|"
    r"looking)\b)|\bhearts? (skipped|skips|skip) a beat\b(?=[^.?!]{0,40}\b(when|at|seeing|saw|reading|because|over|lol|"
    r"haha)\b)|\bheart to heart\b|\bheart attack (on a plate|in a (bun|box|bowl))\b",
    r"\b(legs?|knees?) (gave out|were jelly|turned to jelly|like jelly)\b[^.?!]{0,30}\b(after|from) (the|a|my|that) "
    r"(\d+ ?k|marathon|half|race|run|hike|workout|leg day|game|match|climb|stairs)\b",
    r"\b(meeting|class|lecture|traffic|line|queue|shift|call|movie|game|day|week|show|commute|wait|homework|exam|"
    r"this|that|it)\b[^.?!]{0,30}\b(so|too) (long|boring|bad|slow|awkward|embarrassing|cringe|hot|dull)\b[^.?!]{0,15}"
    r"\bi (want to|wanna|could|gonna|am going to|will) die\b(?=[^.?!]{0,6}\b(lol|lmao|haha|rofl|jk)\b)",
    r"\bkill(ing|ed)? (some )?time\b",
    r"\b(id|i would|would) (rather|sooner) die than (?!(live|living|go on|going on|carry on|be (like|in)|keep))",
    r"\b(ive|i have|weve|we have|had|think ive) (had|done) enough\b"
    r"(?! (of )?(life|living|everything|it all|of this|being alive))",
    r"\b(killed|kill|killing) myself (laughing|with laughter)\b",
    r"\b(stroke of (luck|genius|midnight|inspiration)|(back|breast|swim|swimming|paddle|brush|key|pen) ?strokes?|"
    r"stroke (the|my|his|her) (cat|dog|hair|beard|arm))\b",
    r"\b(bleeding (heart|edge)|nose ?bleed seats?|bleed (me|us) dry)\b",
    r"\b(overdosed?|overdosing|od|odd) on (netflix|tv|coffee|caffeine|sugar|chocolate|candy|sweets|carbs|"
    r"christmas|cheese)\b",
    r"\b(this|last|next|the|in the|for|every) fall\b",
    r"\bfall (festival|colou?rs|leaves|semester|season|break|term|fashion|sale)\b",
    r"\bleaves fell\b",
    r"\bnumb to\b",
    r"\bnumb little bug\b",
    r"\b(by|on) accident\b",
    r"\b(was|is|that was|it was|twas) an accident\b",
    r"\baccident(al|ally)?\b[^.?!]{0,30}\b(press|pressed|click|clicked|sent|button|typed|tapped|hit)\b",
    r"\b(a |such a |real |total )?pain in the (neck|butt|ass|backside|rear)\b",
    r"\b(kill|killing|killed|kills) it\b",
    r"\b(you|youre|ur|this song|this game|the suspense)( are| is)? killing me\b",
    r"\b(work|my job|this job|my boss|school|homework|the commute|traffic|my kids|the kids|this heat|the heat|taxes|"
    r"mondays?|this week|the wait|the waiting|these prices|inflation)( is| are|s)? (literally |honestly )?killing me\b",
    r"\b(almost|nearly|gave me|give me|giving me|givin me|gives me) (had |have )?a heart attack\b",
    r"\bheart attack (burger|grill|on a plate)\b",
    r"\bbreak a leg\b",
    r"\blife ?saver\b",
    r"\bdying (to|for)\b",
    r"\b(phone|battery|laptop|plant|plants) (is |are )?dying\b",
    r"\bsick (of|and tired)\b(?! (of )?(living|life|being alive|it all|everything|myself)\b)",
    r"\bhurts? my feelings\b",
    r"\bon pins and needles\b",
    r"\btakes? my breath away\b",
    r"\bcold feet\b",
    r"\bfever (tree|pitch)\b",
    r"\bfever(?= dreams?\b)",
    r"\b(a |the |my |our |daily |morning )(standup|stand-up|stand up)( meeting| call)?\b|"
    r"\bstand-?up (meeting|call|comedy|comedian|desk)\b",
    r"\boverdos\w* on (?!(pills|meds|medications?|drugs|heroin|fentanyl|opioids|oxy\w*|tylenol|acetaminophen|"
    r"insulin|something|my|his|her|their|a|an|the|sleeping|painkillers)\b)\w+",
    r"\b(collapsed|crashed|passed out) on the (couch|sofa|bed)\b[^.?!]{0,40}\b(food coma|after (dinner|lunch|"
    r"thanksgiving|christmas|work|a long day|the party)|exhausted|tired)\b|\bfood coma\b",
    r"\b(chest|sides|stomach|abs|cheeks|face) (hurts?|hurting|aches?|sore) (from|with) (laughing|laughter)\b",
    r"\bdead (tired|beat|on my feet)\b",
    r"\b(gave|gives|giving|give) me (the )?(chills|shivers)\b",
    r"\b(got|get|getting|gets|had) (the )?(chills|shivers|goosebumps)\b[^.?!]{0,30}\b(watching|listening|reading|"
    r"from (the|that|this) (movie|film|show|song|story|book|game)|at the (movie|concert|game))\b",
    r"\b(want|wanted|wanna|could|gonna|going) (to )?die[.…,!\s]+(of|from) "
    r"(embarrassment|shame|laughter|laughing|boredom|cringe)\b",
    r"\b(almost|nearly) fell (off|out of) (my|the) (chair|seat|couch|sofa|bed|stool) (laughing|from laughing|when)\b",
    r"\b(breathing hard|out of breath|winded|puffing|huffing|panting)\b[^.?!]{0,40}\b(came up|climbed|ran|walked up|"
    r"from the stairs|after the stairs|up the stairs|just got in|carrying|from running|from the walk)\b",
    r"\b(took|take|taking|swallowed|swallow|had) (my|the|his|her) (usual |morning |evening |daily |night ?time )?"
    r"(pills?|meds|medications?|medicines?|tablets?|vitamins?) (with (water|food|breakfast|dinner|lunch|juice|milk|"
    r"coffee)|as (prescribed|usual|normal|always)|like (i )?(always|usual|normal)( do)?)\b",
    r"\b(cant|cannot|can not|couldnt) stand (up )?(straight|upright|up tall)\b",
    r"\b(nearly|almost|about to) (passed|pass) out (from|of|with) "
    r"(boredom|laughter|laughing|excitement|embarrassment)\b",
    r"\b(my )?bladder (is |was )?(bursting|(so |really )?full|about to burst)\b",
    r"\b(cabin|spring|saturday night|bieber|baseball) fever\b",
    r"\bchest (stretch|day|workout|press|fly|flies|opener|exercises?|muscles?)\b",
    r"\b(hydration|camelbak|water|wine|football|gall) bladder\b",
    r"\bpain (free|relief|management|clinic|doctor|specialist|killers?|meds|medication)\b",
    r"\b(nearly|almost|practically|about to) (peed|pee|wet|weed) (myself|my pants|my self)\b",
    r"\b(peed|wet|weed) (myself|my pants) (laughing|from laughing)\b",
    r"\blaugh(ed|ing)? so hard i (nearly |almost )?(peed|wet|weed)\b",
    r"\bslip(ped|ping|s)? up\b",
    r"\b(couldnt|could not|cant|cannot|didnt get to|never got to) (pee|go|wee|use the (bathroom|restroom|toilet|loo))\b"
    r"[^.?!]{0,40}\b(cause|because|cuz|bc|since|the) (the )?(line|queue|bathroom|restroom|toilet|loo|porta\w*|stall|"
    r"bathrooms|lines|meeting|traffic|bus|plane|flight)s?\b",
    r"\bmidlife crisis\b",
    r"\b(breathing|breathe|breath) (in|out)\b[^.?!]{0,12}\b(on|for|during|as|when|with) (the |my )?"
    r"(cow|cat|fold|twist|arch|"
    r"curl|round|way (up|down))\b",
    r"\b(cut|cutting|nicked|nicking) myself (shaving|cooking|chopping|gardening|on (a|the|some) (can|paper|knife|glass|"
    r"lid|branch|thorn|fence))\b",
    r"\b(legs?|arms?) (feel |are |feels |is )?(like )?(jelly|rubber|noodles)\b[^.?!]{0,40}\b(after|from) "
    r"(the |my |a |that )?(workout|class|gym|run|spin|ride|hike|squats|leg day|training|stretch\w*|yoga)",
    r"\b(dr|doctor|mr|mrs|ms|miss|nurse|coach)\.? fell\b",
    r"\baccident (claim|report|insurance|lawyer|attorney|forgiveness|settlement|history)s?\b",
    r"\b(football|hockey|baseball|basketball|soccer|gold|disco|jungle|election|holiday|christmas|travel|playoff|"
    r"march|world cup|super bowl) fever\b",
    r"\bfever by\b",
    r"\b(legs?|arms?|quads|glutes|calves|hamstrings) (are |is |feel |feels |were |was )?(so |totally |completely )?"
    r"(dead|destroyed|shot|toast|gone|wrecked|jelly)\b[^.?!]{0,30}\b(after|from) (the |my |a |that |this )?"
    r"(gym|leg day|workout|run|race|marathon|hike|squats|spin|class|training|practice|game|shift)\b",
    r"\b(after|from) (the |my |a |that )?(gym|leg day|workout|run|race|marathon|hike|squats|spin class|training)\b"
    r"[^.?!]{0,20}\b(my )?(legs?|quads|glutes) (are |is |feel |feels )?(so |totally )?"
    r"(dead|destroyed|shot|toast|jelly)\b",
    r"\b(has|have|got|catching) (?!a\b|an\b|the\b|some\b|no\b|high\b|low\b|slight\b|mild\b|bad\b|real\b)\w+ fever\b",
    r"\b(timberwolves|twins|vikings|wild|gophers|packers|lynx|lakers|yankees) fever\b",
    r"\bbowel (prep|preparation|cleanse)\b",
    r"\b(table|chair|stool|desk|bench|couch|sofa|piano|tripod|ladder|crib|bed frame)s?\b[^.?!]{0,25}\blegs?\b",
    r"\b(good|nice|the good) (kind of |kinda )?(sore|burn|pain|ache)\b",
    r"\bhurts so good\b",
    r"\b(im|i am|youre|you are|hes|shes|being|such) (such |a real |a total )?a? ?pain (when|in the|to)\b",
    r"\bplay (the song |the album )?fever\b",
    r"\b(cant|cannot|couldnt|can not) (lift|raise|get|move|bring|kick) my (\w+ )?(legs?|knees?|foot|feet) (up )?"
    r"(as (high|far)|that (high|far)|very (high|far)|high enough|far enough|all the way|over|across|higher|further)",
)

# WHO: a person other than the speaker. The last person named before a symptom, within its
# sentence, owns it; "I", "me", "my back" are the speaker.
_RELATIVE = (
    r"((?<!in the )(?<!doing the )(?<!into the )(?<!during the )(?<!from the )cat(?! cow)|cats|dog|dogs|kid|kids|"
    r"son|sons|daughter|daughters|child|children|baby|babys|mom|moms|mum|mums|mother|"
    r"mothers|dad|dads|father|fathers|husband|husbands|wife|wifes|partner|partners|boyfriend|boyfriends|girlfriend|"
    r"girlfriends|friend|friends|brother|brothers|sister|sisters|grandma|grandmas|grandpa|grandpas|grandmother|"
    r"grandfather|aunt|aunts|uncle|uncles|cousin|cousins|neighbou?r|neighbou?rs|coworker|coworkers|colleague|"
    r"colleagues|boss|bosses|roommate|roommates|patient|patients|client|clients|puppy|kitten|pet|pets|parents?|"
    r"spouse|fiance|fiancee|nephew|niece|teammate|student|students|toddler|toddlers|infant|grandson|granddaughter|"
    r"grandkid|grandkids|grandchild|stepson|stepdaughter|guy|man|woman|lady|girl|boy|character|buddy|buddies|pal|mate|"
    r"mates|hubby|wifey|gf|bf|nan|nana|nanna|granny|gran|grandad|granddad|grandpop|grandbaby|grandson|little one|"
    r"two year old|\d+ year old|toddlers|carer|caregiver|husbands|missus|old man|old lady)"
)
OTHER_PERSON = (
    rf"\b(my|our|his|her|their|the|a|your)( (late|little|older|younger|elderly|best|old|ex|eldest|youngest|"
    rf"baby|step|\d+ year old|two year old))? {_RELATIVE}\b",
    r"(^|[.!?,]\s*)(mom|mum|mommy|mummy|mama|dad|daddy|papa|grandma|grandpa|nan|nana|nanna|granny|gran|grandad|"
    r"granddad|hubby|husband|wife)\b",
    r"\b(he|she|they|hes|shes|theyre|theyve|him|her|them|his|hers|their|someone|somebody|everyone|people|"
    r"sb|mine said)\b",
)
# After the symptom: "a fever in a dog", "chest pain for my dad".
OTHER_PERSON_AFTER = (rf"^\s*(in|for|on) (my|our|his|her|their|the|a|your) {_RELATIVE}\b",)
SELF_PERSON = (r"\b(i|im|ive|id|ill|me|myself)\b", rf"\bmy\b(?! {_RELATIVE}\b)")
# "the horse I ride has a fever", "my mom who I live with": an "I" that opens a relative clause right after
# the other person describes them, so it does not make the speaker the owner.
RELATIVE_CLAUSE_GAP = r"^\s*(?:(?:that|who|whom|which)\s+)?$"

# WHEN: long ago (a clause that says so), unless the same clause says it still is.
HISTORICAL = (
    r"\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|many|several|few|a few|some|couple( of)?)"
    r" (years?|yrs?|decades?|months?) (ago|back|before|earlier)\b",
    r"\byears ago\b",
    r"\byears (back|before|earlier)\b",
    r"\b(last|this past) (year|spring|summer|autumn|winter|christmas|decade)\b",
    r"\bin (19|20)\d\d\b",
    r"\bwhen i was (a kid|a child|a teen\w*|young|younger|little|pregnant|in (high school|college|school)|\d+)\b",
    r"\bas a (kid|child|teen\w*)\b",
    r"\bin (high school|middle school|grade school|college|school|my youth|the army|the navy|the military)\b",
    r"\bused to\b",
    r"\bback in (the day|\d+|high school|college)\b",
    r"\b(a )?long time ago\b",
    r"\bhistory of\b",
    r"\b(\d+|a|one|two|three|four|five|six|a few|few|couple( of)?) (winters?|summers?|springs?|autumns?|falls?) "
    r"(ago|back)\b",
    r"\bback in (the )?(oh \w+|\d+s?|nineteen \w+|twenty \w+|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|the (sixties|seventies|eighties|nineties|90s|80s|70s))\b",
    r"\bin (the )?(sixties|seventies|eighties|nineties|90s|80s|70s|60s)\b",
    r"\bin (nineteen|twenty) (oh )?\w+\b",
    r"\bonce (had|fell|was|fainted|passed out|blacked out)\b|\b(fainted|passed out|blacked out) once\b",
    r"\bin my (teens|twenties|thirties|forties|fifties|sixties|20s|30s|40s|50s|60s)\b",
)
# WHEN: weeks ago is over only if nothing later in the message says it still is ("a fall three weeks ago
# ... the back's still sore": a recent injury not yet settled, worth a clinician's look first).
WEEKS_AGO = (r"\b(\d+|a|one|two|three|four|five|six|a few|few|couple( of)?) weeks? (ago|back)\b",)
STILL_NOW = (
    r"\b(still|again|ever since|since then|keeps?|keeping|now|been spreading|getting worse|worse and worse)\b",
    r"\bbeen (hurting|sore|aching|achy|bad|worse|painful|stiff|killing me) since\b",
    r"\b(getting|gotten|growing|got) (weaker|worse|number|more numb)\b|\bover the (last|past) (few |couple( of)? )?"
    r"(days|weeks|months)\b",
    r"\b(ive|i have) (had|been)\b",
    r"\bthan (it )?(used to( be)?|before|it was|normal|usual)\b",
)
# Said later in the message: an earlier past-tense mention is over ("I tripped but I'm fine").
RESOLVED = (
    r"\b(im|i am|i feel|its|it is|all|everything is|everythings)"
    r"( fine| ok| okay| good| better| all good| all better)\b",
    r"\b(fine|better|ok|okay|good|healed) now\b",
    r"\b(went|goes|has gone) away\b",
    r"\b(long|all|its|it is|its all) gone\b",
    r"\bgone now\b",
    r"\b(no|not had any|never had any|havent had any) (problems?|issues?|trouble) since\b",
    r"\b(been )?fine ever since\b",
    r"\b(been|its been|ive been|i been) (fine|good|ok|okay|great|no problems?)"
    r"( for| going on| about| nearly| almost| over)+"
    r" (\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|many|several|a few|a couple( of)?) (years?|yrs?)\b",
    r"\b(healed|recovered|resolved|cleared up)\b",
    r"\bturned out (to be )?(just |only |nothing|fine)",
    r"\bturned out (to be|it was)\b",
    r"\b(it was|turned out to be|turned out it was) nothing\b|\bwas (benign|negative|nothing)\b",
    r"\b(biopsy|scan|test|tests|mri|xray|x-ray|ct)s? (was|were|came back) (benign|negative|clear|normal|fine)\b",
    r"\b(said|told me|turned out|found) (it was|its|that it was) (just |only )?(acid reflux|reflux|heartburn|"
    r"indigestion|"
    r"a pulled muscle|muscular|anxiety|a panic attack|gas|nothing|a muscle strain)\b",
    r"\b(xrays?|x rays?|scans?|mris?|ct|tests?|bloods?)( were| was| all| came back| are)?"
    r" (fine|normal|clear|negative|ok|okay)\b",
    r"\b(been )?(clear|cancer[- ]free|in remission) for\b",
    r"\b(doc|doctor|gp|vet) (checked|said|says)\b[^.?!]{0,30}\b(nothing|fine|normal|ok|okay|epilepsy|dehydration)\b",
)
# Over, whenever it was: "went away as soon as I stood up", "wore off" (a recent mention too).
RESOLVED_AT_ONCE = (
    r"\b(gone|fine|ok|okay|better|normal) (again )?(after|once|when|as soon as) i (shook|stood|moved|walked|stretched|"
    r"shifted|rubbed|take|took|get|got|kick|kicked)\b",
    r"\b(went|has gone) away (as soon as|soon as|when|once|after|right after|straight away)\b",
    r"\b(wore|has worn) off\b",
    r"\b(fine|ok|okay|better|gone|normal) (again )?(after|in|within) (a|one|1) (sec|second|moment|minute|min|bit)\b",
    r"\bpassed (straight away|right away|quickly|in a (sec|second|moment|minute)|after a (sec|second|moment|minute))\b",
    r"\b(waking|coming) back (up|now)\b|\b(going away|wearing off) now\b",
)
# Recent enough that "but I'm fine" does not settle it ("I had a fall yesterday but I feel ok": ask).
RECENT = (
    r"\b(today|yesterday|this (morning|afternoon|evening|week)|last night|tonight|earlier|just now|an hour ago|"
    r"(a few|two|three|couple( of)?|a couple( of)?) days ago|the other day|last (week|weekend)|a week ago)\b",
)
# Someone else's symptom told in a bare past ("my mom had a stroke", "my grandpa used to ...") is no
# emergency now, unless the sentence makes it recent or still so (RECENT, STILL_NOW).
STALE_FOR_OTHER = (
    r"\b((?<!just )had|has had|have had|used to|once|was diagnosed|got diagnosed|(?<!just )died|passed away|"
    r"(?<!just )passed)\b",
)
# Someone else's symptom told as hearsay or already handed on ("keeps complaining about chest pain",
# "I told him to see a doctor", "asking for a friend"): not an emergency the writer is in now.
REPORTED_FOR_OTHER = (
    r"\b(said|says) (these|this|that|it|the \w+) (gave|give|gives|made|makes)\b",
    r"\b(complain\w*|(told|tell|telling|told) (him|her|them) to (see|go|call|get)|asking for (a|my) \w+|"
    r"(see|seeing|saw|sees) (a|the|his|her|their) (doctor|gp|dr|physio)|"
    r"ended up in (the )?(er|ed|hospital|emergency))\b",
)
PAST_TENSE = (r"\b(had|was|were|did|got|went|fell|tripped|slipped|used to)\b",)

# WHETHER: negation before the symptom in its clause, or an all-clear after it; and hypotheticals.
# A symptom's own "can't" ("can't feel my feet") is part of the symptom, not a negation of it.
OWN_NEGATIVES = (
    r"\b(cant|cannot|can not|couldnt|unable to|not able to|havent been able to|wont hold|dont (tell|know|feel) when|"
    r"(not|dont|barely|hardly) (really |even )?(feel|notice)|"
    r"no (feeling|sensation|control)|lost|loss of|lose|losing|without feeling|didnt (feel|notice|realise|realize)|"
    r"not even|neither (leg|of my legs|foot|of my feet)|nothing (would|will|wont|comes?|came) out|"
    r"(havent|have not|not|never|didnt) (fully |completely |properly |totally )?empt(y|ied|ying)|"
    r"(not|didnt|barely|never|almost didnt) (make|making|made) it to the|"
    r"(havent|have not|hasnt|not|didnt|couldnt) (peed|urinated|been able to pee|gone pee|been able to go)|"
    r"without (even )?(trying|dieting|meaning to)|not (even )?(trying|dieting)|(dont|do not) know why|no idea why|"
    r"for no reason)\b",
    # the negatives inside the general emergencies ("better off without me", "bleeding won't stop")
    r"\b(nobody|no one|noone)( would| will|d)? (care|mind|notice|miss me)\b|"
    r"\b(better off without|rather not|(wasnt|werent|was not|were not) (around|here|alive)|"
    r"(dont|do not|cant|cannot) (really |even )?see (the|a|any) point|"
    r"(dont|do not|no longer|not|never) (want|wanna|wish) to|wont stop|"
    r"(doesnt|does not|will not|isnt|is not|not|never) (stop|stopping|slow\w*)|no (reason|point)|not worth|"
    r"(cant|cannot) (go on|keep going|do this)|(wouldnt|didnt|not) wake up|not be (here|alive|around)|"
    r"(wont|will not|not gonna|not going to|aint gonna|aint going to) be (here|alive|around)|"
    r"(hasnt|has not|hadnt|didnt|did not|havent|not yet|wont|will not) (cleared|released|okayed|signed off)|"
    r"not (been )?cleared|no (twisting|bending|lifting|stretching)|"
    r"(not|wont|will not|probably wont|probably not) (gonna |going to )?do anything (dumb|stupid|drastic|crazy)|"
    r"(isnt|is not|not|hasnt been|wasnt|stopped) (breathing|moving|responding|answering)|not making (any )?sense|"
    r"(wont|cant|cannot|wouldnt) wake|"
    r"(dont|do not) see (a|any)|(dont|do not|never) wake up|(dont|do not) (wanna|want to) be here)\b",
)
PSEUDO_NEGATION = (
    r"\b(not only|no doubt|dont know why|not sure why|no idea why|no wonder|not sure if|dont know if|"
    r"not sure whether|no matter|(doesnt|dont|does not|do not) feel (right|good|normal)|"
    r"not (gonna|going to) lie|no lie|ngl|not to be dramatic|(thats|that is|its) not (really )?why|not really why|"
    r"not (numb|weak|tingly|painful) exactly|not exactly (numb|weak|tingly|painful)|not quite (numb|weak))\b",
    # discourse markers, not a denial: "yeah no I mean I had one little accident", "oh no, I wet myself"
    r"\b(yeah|yea|yep) no\b|\bno i mean\b|\boh no\b|\bi (just |really )?(dont|do not) know\b(?! (if|whether|why))",
    # a comparison, not a denial: "the back pain is nothing compared to my face going numb"
    r"\bnothing (compared (to|with)|next to|on)\b",
    r"\bnever (had|have had) (back )?(pain|problems|trouble|issues)( with my back)? before\b|\bnever before\b",
    # said of a body part in pain: "my knee is not happy", "my back did not like that"
    r"\b(not|isnt|wasnt|arent) (happy|liking (this|that|it))\b|"
    r"\b(did not|didnt|doesnt|does not|dont|do not) (like|love|appreciate|enjoy) (that|this|it)\b|"
    r"\b(didnt|did not|doesnt|does not) feel (right|good|ok|okay)\b",
)
NEGATION = (
    r"\b(no|not|dont|doesnt|didnt|never|without|havent|hasnt|isnt|arent|wasnt|werent|none|nor|neither|zero|"
    r"no longer|free of|denies|deny|nothing like|not any|not really|nothing)\b",
    r"\bcan (control|feel|move|lift|walk|stand|pee|breathe)\b",
)
# ("aching pretty good" is Minnesotan for a lot: not an all-clear)
ALL_CLEAR_AFTER = (
    r"^\s*(\w+\s+){0,2}(is |are |feels? |works? )?"
    r"(fine|normal|ok|okay|(?<!pretty )(?<!real )good(?! at all)|all good|perfectly)\b",
    r"^\s*((is|are) )?(all |totally |completely )?(gone|better)\b(?! (numb|weak|dead|to sleep|limp|stiff|soft|floppy))",
)
HYPOTHETICAL = (
    r"\b(what if|if|si|in case|unless|whether|would|could i|could it|might i|will it|will i|would it|should it|"
    r"(is|are|will) (it|this|that|these|they) (going to|gonna)|is that gonna|"
    r"can (stretching|this|it|these|that|they|yoga|the \w+|cat cow|a stretch) (cause|make|give)|does (it|this|that) "
    r"cause|signs? of|symptoms? of|what is|what are|whats(?! the (point|use))|what does|what do|how do i know|"
    r"how can i tell|"
    r"is it possible|supposed to|look out for|lookout for|watch (out )?for|warning signs?|worried (about|that)|"
    r"afraid (of|that)|scared (of|that)|risk of|prevent|avoid|make sure|careful not|"
    r"how (to|do you|do i|can i) (treat|cure|get rid of|stop)|"
    r"is it (dangerous|safe|ok|okay|bad|risky|wise|smart) to|(can|could|does|do|will|would) (a |an |the )?\w+( \w+)? "
    r"(cause|causes|make|give|lead to|mean)|what causes|(worry|worrying|worried|concerned) about|"
    r"can i (still )?(stretch|exercise|do (this|these|it)) with|"
    r"spell|spelling|pronounce|definition of|meaning of|crossword|scrabble|wordle|"
    r"(i|you) (might|could|may) (get|have|develop)|(cause|causes|lead to|result in|give you|give me))\b",
    r"\b(in|from) (the|a|this|that) (book|movie|film|show|story|novel|game|series|episode|song)\b",
    r"\b(on|in) (greys anatomy|grey anatomy|tv|the tv|television|the show|a show|the news|netflix|youtube|tiktok|"
    r"a podcast|the radio)\b",
    # right before the mention: "should I call 911?" asks, it does not report
    r"\b(should i|do i need to|do i have to|when (should|do) i)\s+$",
    # a question that starts with the symptom's subject: "is a fender bender covered", "can a fever cause ..."
    r"^\s*(is|are|does|do|can|could|will|would|should)( a| an| the)?\s+$",
    # a topic, not an experience: "a movie about a car crash", "an article on back pain"
    r"\b(movie|film|show|book|song|article|story|news|video|podcast|documentary|game|lyrics)s? (about|on|of|with)\b",
    r"\b(dream|dreamt|dreamed|nightmare)s?\b",
    # expected from something planned: "the colonoscopy prep tomorrow is gonna make me lose control of my bowels"
    r"\b(is|s|will|gonna|going to) (gonna |going to )?(make|have) me\b[^.?!]{0,25}$",
    r"\b(the|this|that|a) (movie|film|show|episode|book|novel|series|documentary|play|thriller|mystery|memoir) "
    r"((last night|yesterday|tonight|earlier) )?(had|has|where|with|about|in which)\b",
    r"\bwhere the (main )?(guy|character|girl|woman|man|hero|heroine|lead|protagonist|villain)\b",
    r"\b(the|this|a|that) (show|movie|film|episode|book|novel|series|game|documentary)( im| i am| were| we are)? "
    r"(watching|reading|playing)\b",
    r"\b(watched|watching|saw|seen|read|reading) (a|the|this|that) (show|movie|film|documentary|video|episode|book|"
    r"article|story|novel|post|thread|blog|comic|play|series|thriller|mystery|memoir|biography|romance)\b",
)
# A question about a symptom in general (no "I", "me" or "my" in its sentence): "is back pain with
# fever serious?", "does sitting on a bike saddle cause numbness?", "what's the difference between
# urinary retention and incontinence?". A question about oneself ("is it normal that I can't feel
# my legs?") is not general.
GENERAL_QUESTION = (
    r"^\s*(is|are|does|do|can|could|will|would|should|how|what|whats|why|when|which|where)\b",
    r"\b(difference between|how common|how likely|how serious|a sign of|signs of)\b",
)
FIRST_PERSON = (r"\b(i|im|ive|id|ill|me|my|mine|myself)\b",)

# Asking in general, as a professional or about something read or watched: "I'm a PT, what do you tell
# patients who report saddle numbness?", "I read online that numbness in your groin can be serious, is
# that true?". A mention whose clause says nothing of the writer's own body ("my", "I have") is then no
# report of a symptom; "I'm a nurse and I can't feel my legs" still is.
ASKING_IN_GENERAL = (
    r"\b(im|i am|as) an? (pt|physical therapist|physio\w*|nurse|rn|lpn|cna|np|nurse practitioner|paramedic|emt|"
    r"medic|doctor|physician|dr|chiro\w*|pharmacist|(911 |9 1 1 )?dispatcher|(nursing |medical |med |pt |physio )?"
    r"student|writer|author|novelist|screenwriter|journalist|reporter|researcher|teacher|personal trainer|"
    r"yoga (teacher|instructor)|home health aide|hospice nurse|caregiver at|case manager)\b",
    r"\b(read|saw|seen|heard|learned|learnt) (online|on (facebook|fb|tiktok|instagram|insta|youtube|reddit|twitter|"
    r"x|the news|tv|the radio|a (show|podcast|video|forum|blog))|in (a|an|the) (article|book|novel|magazine|paper|"
    r"newspaper|class|lecture|show|post|thread|pamphlet|leaflet|brochure)|somewhere|(a|an|the) (novel|article|post|"
    r"thread|blog|pamphlet|leaflet|brochure))\b",
    r"\b(im|i am) (writing|working on) (a|an|my) (novel|book|story|script|screenplay|paper|essay|article)\b",
    r"\bi work (in|at|on) (the |an |a )?(er|ed|emergency (room|department)|hospital|clinic|icu|ambulance|nursing home|"
    r"pharmacy|rehab|urgent care)\b",
    r"\bwhat (do|should|would) you (tell|say to|advise) (patients|people|someone|callers|clients)\b",
    r"\b(watching|watched|binging|binged) (greys anatomy|grey anatomy|the pitt|house|chicago \w+|the news|tv|a show|"
    r"a movie|netflix|a documentary|a film)\b|\b(tv )?show\b[^.?!]{0,30}\bwatching\b",
    r"\b(screenplay|script|novel|story|book|game|podcast) (q|question)\b|\bmy character\b",
    r"\bfor (training|an article|a class|my class|a presentation|a paper|my paper|my thesis)\b|"
    r"\basking for an article\b",
    r"\b(aide|nurse|paramedic|emt|pt|teacher|student|doctor|caregiver|carer|physio|medic|dispatcher|pharmacist) here\b",
    r"\b(read|heard|saw|learned|learnt) that\b",
    r"\b(watched|watching|binged|binging) (?!my |his |her |our |him |them |me )[a-z ]{1,25} "
    r"(last night|yesterday|earlier|tonight|this morning)\b",
    r"\b(just curious|out of curiosity|is (that|it|this) (true|right|correct|a real thing|real|a thing)|hypothetically|"
    r"for (a|my) (story|novel|book|class|paper|project|script|exam|essay|assignment))\b",
)
# "Can't tell if", "not sure whether": doubt about one's own symptom, not a hypothetical ("sometimes I
# can't tell if I've fully emptied my bladder" is a possible red flag).
DOUBT = (
    r"\b((cant|cannot|can not|couldnt|dont|do not|not sure i can) (tell|say|know|be sure)|not sure|unsure|"
    r"(dont|do not) know|wondering|wonder|no idea) (if|whether)\b",
    r"\b(i|we) (think i |think we )?(might|may|could) have\b(?!\s+(a|an|the|some|any|to)\b)",
)
# Right after a mention, a question about it ("is that normal?") is no all-clear.
QUESTION_AFTER = (r"^\s*,?\s*(is|are|does|do|should|could|would|can) (that|this|it|these|they)\b",)
# Said of a long-known, unchanged problem: "the doctor knows about it, nothing new".
KNOWN_UNCHANGED = (
    r"\b(nothing new|(my )?(doctor|doc|gp|urologist|neurologist) knows( all)?( about it)?|same as (always|ever|usual)|"
    r"(it )?(hasnt|has not|havent|have not) changed (in|for) (years|ages|a long time|decades)|"
    r"(from|with) (my )?(diabetic )?neuropathy\b[^.?!]{0,30}\b(for|since) (about |around |over )?(\d+|ten|many|"
    r"several|twenty|"
    r"fifteen|a few) years|"
    r"been like (that|this) for (years|ages|a long time|decades))\b",
)
# Someone else's emergency that is over: "she's fine", "he's home".
RESOLVED_FOR_OTHER = (
    r"\b(shes|hes|theyre|she is|he is|they are|shes been|hes been) (totally |completely |all |absolutely |doing )?"
    r"(fine|ok|okay|good|home|better|alright|all right|recovering)\b",
)
# Now, in the message: asking in general does not set aside what started this morning.
NOW_IN_MESSAGE = (
    r"\b(since (this|last|yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"right now|today|tonight|this (am|morning|afternoon|evening)|just now|started)\b",
)
OWN_BODY = (
    r"\b(mine|myself|i have|ive|i got|i cant|i feel|i felt|im (having|feeling|getting))\b",
    r"\bmy (?!(character|characters|patients?|clients?|students?|story|novel|book|article|class|paper|readers|"
    r"viewers|followers|audience|script|screenplay|thesis|job|work|shift|unit|team)\b)",
)

# Hedged, now and then, or asked about: a possible red flag (ask), not a clear emergency.
HEDGED = (
    r"\b(sometimes|sometime|occasionally|now and then|now and again|once in a while|every now|on and off|off and on|"
    r"comes and goes|come and go|a bit|a little|a tad|slightly|slight|kind of|kinda|sort of|sorta|a touch|maybe|"
    r"might|not sure if|dont know if|not sure whether|a small|mild|mildly|at times|here and there)\b",
    r"\bis (it|this|that) (normal|ok|okay|bad|dangerous|serious|a problem)\b",
    # tied to a position held too long: "numb if I sit too long", "when I cross my legs"
    r"\b(if|when|whenever|after|every time) (i|im) (sit|sitting|stand|standing|kneel|kneeling|sleep|sleeping|lie|"
    r"lying|lay|laying)( down)? (too long|for (a )?(long|while|hours)|a long time|all day|on (it|them|my))",
    r"\b(if|when|whenever|after|every time) (i|im) (cross|crossing) my legs",
    r"\bafter (sitting|standing|kneeling) (too long|for (a )?(long|while|hours)|a long time|all day)",
    r"\b(sit|sits|sitting|sat)\b[^.?!]{0,30}\b(too long|all day|for hours|for ages)\b|\bbleachers\b",
    r"\bnot (numb|weak|tingly) exactly\b|\bnot exactly (numb|weak|tingly)\b|\bnot quite (numb|weak)\b|"
    r"\bjust different\b",
)

# WHY: an ordinary cause said with the sensation explains it ("feet go numb from the cold in the barn, they warm
# up fine", "killer workout today, legs are dead", "my chest hurts... from laughing"): no red flag.
# HARMLESS_CAUSE_OF says which causes explain which red flag: effort never explains chest pain or numbness
# (both are warning signs with exertion), nothing explains numbness of the bottom (outside writers disagree on
# "numb from the bleachers": it stays a question), sitting too long only hedges (HEDGED: a question, not 911),
# and nothing explains a sign that stays (NOT_EXPLAINED).
HARMLESS_CAUSES = {
    "cold": (
        r"\b(the cold|cold (out|outside|weather|barn|garage|rink|house|floor|water)|its? (so |really )?cold|freezing|"
        r"below zero|sub[- ]?zero|minus \d+|frostnip|warm(ed)? (them |it |back )?up)\b"
    ),
    "exertion": (
        r"\b(workouts?|work ?out|leg day|gym|lifting|lifts|squats?|deadlifts?|lunges|running|ran|run|jog\w*|"
        r"sprints?|hik\w*|walk\w*|\d+ ?(miles?|k)\b|marathon|bike|biking|cycling|spin class|chores|practice|"
        r"training|tournament|game|shift|double|hockey|soccer|volleyball|basketball|football|dancing)\b"
    ),
    "laughing": r"\b(laugh\w*|giggl\w*|cracking up)\b",
    # dizzy on standing up too fast, told as a habit: "I get a little dizzy when I stand up too fast"
    "rising": r"\b(stand|stands|standing|stood|get|gets|getting|sit|sits|sitting) up (too |to |real |really |so )?"
    r"(fast|quick\w*|suddenly)\b",
    # a foot or leg "asleep" from pressure on it, one side: "pins and needles cause I sat on it"
    "pressure": (
        r"\b(sat|sitting|sit|slept|sleeping|leaning|kneeling) (on|funny on) (it|them|my (foot|feet|leg|legs))\b|"
        r"\bcross[- ]?legged\b|\bcrossed my legs\b|\b(foot|leg) (fell|falls|went|goes) asleep\b"
    ),
}
HARMLESS_CAUSE_OF = {
    "legs": ("cold", "exertion", "pressure"),
    "chest": ("laughing",),
    "faint": ("rising",),
}
TIRED_MENTION = r"\b(dead|jelly|jello|rubber|noodles?|wobbly|heavy|tired|shot|toast|wrecked|spaghetti|gone)\b"
"""Effort explains only tired legs ("legs are dead", "like jelly"), never numbness or legs giving way."""
NOT_EXPLAINED = (
    r"\b(still|wont go away|not going away|isnt going away|getting worse|keeps? (getting|coming)|for (days|hours|"
    r"\d+ (days|hours))|since (yesterday|last|this)|(cant|can not|cannot) (pee|walk|stand|move|feel|get up))\b|"
    r"\b(both|my) (legs|feet)\b[^.?!]{0,20}\b(gave|give|giving) (out|way)\b"
)

# NOISE: a joint noise ("crunchy", "clicks", "pops", "cracks") is no symptom by itself. Asked about ("is that
# normal", "is it ok") or said to be painless ("doesnt hurt", "just makes a noise"), with no pain or red flag
# the rules read, the learned reader does not make it a question or pain (it can still find an emergency).
NOISE = r"\b(crunch\w*|click\w*|pops|popping|pop|cracks|cracking|crackl\w*|crackly|creak\w*|grind\w*|noise|noisy)\b"
NOISE_WITHOUT_PAIN = (
    r"\b(is (that|it|this) (normal|ok|okay|fine|bad)|normal|(doesnt|does not|dont|do not|isnt|never) hurt\w*|"
    r"no pain|not (painful|pain)|just (a |makes a |makes )?(noise|sound))\b"
)

# PAIN now (no red flag: stops a routine). The same readers decide whose, when and whether.
PAIN = (
    r"\b(ou+ch+|o+w+|owie|ouchie|yowch|youch|owwie)\b",
    r"\b(hurts?|hurting|hurted|hurtss+|painfull)\b",
    # a cry of pain ("aaah", "ahhh!", "argh"), not the "ah" that starts a sentence ("ah no, grand", "ah about a 5")
    r"\b(a{2,}h+|ah{2,}|ar+gh+|ugh+h)\b(?![,.]?\s+(ok|okay|no|yes|yeah|right|i see|got it|grand|thanks|cool|nice)\b)",
    r"^\W*ah\W*$|\bah\s*!",
    r"\b(twinge|twinged|twinging|spasm|spasms|spasmed|spasming)\b",
    r"\b(backs?|knees?|hips?|necks?|shoulders?|wrists?|ankles?|body|spine|hamstrings?|legs?|calf|calves)"
    r"( really| definitely)? (did not|didnt|doesnt|does not|dont|do not) (like|love|appreciate|enjoy) (that|this|it)\b",
    r"\b(backs?|knees?|hips?|necks?|shoulders?|wrists?|ankles?|body|spine|hamstrings?|legs?)( is| are| was)?"
    r" (not|isnt|wasnt|arent) (happy|liking (this|that|it))\b",
    r"\b(backs?|knees?|hips?|necks?|shoulders?|wrists?|body|spine|hamstrings?|hip flexors?|hammies|quads|glutes?)"
    r"( is| are| was)? (complaining|protesting|grumbling|yelling|barking|screaming at me)\b",
    r"\bstop[ ,!.]+stop\b(?=[^?]{0,40}\b(my|back|hurts?|neck|hip|knee|ow|ouch)\b)",
    r"\b(that|this|it|that one|this one|something)( just| really)? (didnt|did not|doesnt|does not)"
    r" feel (right|good|ok|okay)\b",
    r"\b(cramped|cramping) up\b|\bcramped\b",
    r"\b(backs?|it|spine|hips?|necks?)( just| kind of| kinda)? (seized|locked|seizing|locking) up\b",
    r"\b(feels?|felt) like (its|it is|it was|something is|somethings|its gonna|something( is)? (going|about))"
    r"( going to| gonna| about to)? (tear|rip|snap|pop)\b",
    r"\bsharp (feeling|sensation|twinge|jab|stab)\b",
    r"\b(getting|gets|got) worse the more i (do|stretch|move|try|go)\b|\b(pain|it)s? (went|jumped|shot|gone) up\b",
    r"\b(backs?|spine|hips?|necks?|legs?|hamstrings?|knees?|muscles?|shoulders?|glutes?|body)( is| are| was| were)?"
    r"( (just|really|still|absolutely|literally|now))? screaming\b",
    r"\b(pulled|strained|tweaked|tore|torn) (something|a muscle|my \w+)",
    r"\b(felt|feel) (something|it) (pop|snap|tear|rip|pull|give)",
    r"\bmaking (my \w+|it) worse\b",
    r"\b(painful|agony|excruciating|throbbing|stabbing|shooting|searing|aches?|aching|achy|sore|cramp|cramps|"
    r"cramping|pinch|pinched|pinching|killing me)\b",
    r"\b(sharp|shooting|stabbing|searing|burning|bad|severe|sudden|terrible|horrible|intense|awful|a lot of|lots of|"
    r"so much|some|a|this|that|the) pain\b",
    r"\bpain (is|gets|got|keeps|in my|down my|when|shoots|shooting)\b",
    r"\bin (a lot of |so much |some )?pain\b",
    r"\bfeel (a |some )?pain\b",
    r"\b(really |very |a |my )?bad back\b",
    r"\bbacks?( is)? (really |kind of |kinda |so |totally )?(playing up|acting up|bad|awful|terrible)\b",
    r"\b(sciatica|back|disc|hip|neck)s? (is |are )?(flaring|flared)( up)?\b",
    r"\bbacks? (went|goes|has gone|gone|just went) out\b",
    r"\bbacks?( is)? (really |totally |completely |all )?(wrecked|shot|toast|done in|hurtin\w*)\b",
    r"\bhurtin\b",
    r"\bcrick\b",
    r"\bpain (flared|flaring|flares)( up)?\b",
    r"\b(me duele|duele|dolor)\b",
    r"\bpain (in (my |the )?(lower |upper )?back|(is )?(a )?\d+ ?(out of|/) ?10)\b",
    r"\b(lumbar|back|neck|hip|leg) pain since\b",
    r"\b(it )?(burns|burning) (in|down|across) my\b",
    r"\b(i have|i have had|ive had|ive got|i got|got|having|had|with) (some |bad |terrible |really |a lot of |this |"
    r"lower |upper )*(back|lumbar|sciatic|nerve|hip|leg|tailbone) pain\b",
    r"\b(actual|real|proper|genuine) pain\b",
    r"\bpain (down|into|through|radiating|going down) (the back of )?(my|the) (leg|legs|butt|hip|thigh)\b",
    r"\b(sciatica|sciatic nerve|disc|hip|knee|neck)s? (is |are )?(acting|playing) up\b",
    r"\b(back|lumbar) pain from\b",
    r"\brate it (a |an |at )?\d+ ?(out of|/) ?10\b",
    r"\b(stabby|stingy|stinging|stings|twingy|charley horse|charlie horse|like a knife|knife[- ]like)\b",
    r"\b(it|something|my back|back|that|this)( kinda| kind of| sort of| just)?"
    r" (catches|caught|twisted something|tweaked something)\b",
    r"\b(made|making|makes) my \w+ scream\b",
    r"\b(sharp|stabbing|severe|bad|intense) discomfort\b|\b(feel|feels|felt|feeling) like (theyre|they are|its|it is|"
    r"somethings|something is|my \w+ (is|are)) (tearing|ripping|going to (tear|rip|snap))\b",
)
