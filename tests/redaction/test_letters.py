"""Whole letters, written for these tests, with every detail a caseworker must see flagged."""

import pytest

from redaction import detect
from tests.redaction.helpers import covered

LETTERS = [
    pytest.param(
        """Dear Recipient,

My name is Henrik and I drive a tram in Gothenburg. I signed up with the Swedish registry after my
colleague Saga got sick, and two years later they called me. The collection was at Sahlgrenska on
4 October 2023, and the nurses there were kind. Our cat Smulan slept on my coat the whole evening after.

I play bandy for IFK Kungälv on Sundays, badly. If the rules ever let me, my number is +46 70 123 45 67.

All the best,
Henrik""",
        [
            "Henrik",
            "Gothenburg",
            "Saga",
            "Sahlgrenska",
            "4 October 2023",
            "Smulan",
            "IFK Kungälv",
            "+46 70 123 45 67",
        ],
        ["Sundays", "Dear Recipient"],
        id="sweden",
    ),
    pytest.param(
        """Hello from Lagos!

I am Chiamaka, a pharmacist at Reddington Hospital, and my husband Obinna and I have three boys. I was
born on 12/06/1988, which makes me the old one in our house. We worship at the Redeemed Christian Church
of God in Ikeja, where my prayer group has prayed for you every week since March 2024.

Please greet your family for me. My email is chiamaka.o@example.ng if we may one day write directly.

God bless you,
Chi""",
        [
            "Lagos",
            "Chiamaka",
            "Reddington Hospital",
            "Obinna",
            "12/06/1988",
            "Ikeja",
            "March 2024",
            "chiamaka.o@example.ng",
            "Chi",
        ],
        ["God bless"],
        id="nigeria",
    ),
    pytest.param(
        """hey!! so this is weird to write lol. im jordan, im 21 and i study nursing at ucf in orlando. my
roommate bree took me to all my appointments and my dog noodle basically lives on my bed now. we go to
sharks games every saturday and scream a lot.

my insta is @jordy.runs if they ever let u have it.

love jordan""",
        ["jordan", "ucf", "orlando", "bree", "noodle", "sharks", "@jordy.runs"],
        ["lol"],
        id="lower-case-student",
    ),
    pytest.param(
        """Dear Donor,

It is my son Emiliano who got your cells, at the Hospital Infantil de México Federico Gómez, on the
3rd of February. He is seven and wants to be a firefighter like his uncle Beto, who works for the
Bomberos de Puebla. We live in Calle Reforma 218, Colonia Centro, 72000 Puebla.

His case number was HIM-TR-2023-0442, the doctor told us to write it.

Con cariño,
Verónica Salgado""",
        [
            "Emiliano",
            "Hospital Infantil de México Federico Gómez",
            "3rd of February",
            "Beto",
            "Bomberos de Puebla",
            "Calle Reforma 218",
            "72000",
            "HIM-TR-2023-0442",
            "Verónica Salgado",
        ],
        ["Dear Donor", "Con cariño"],
        id="mexico",
    ),
    pytest.param(
        """Dear friend,

I'm 61, a retired postman from Ballymena, and I never thought I'd be anybody's match. Mr Adair at the
Belfast City Hospital explained it all, and my wife Roberta came along with flasks of tea. I served
twelve years in the Royal Irish Regiment before the post office, so needles don't frighten me.

Hope you are keeping well. Grace and peace to you and yours.

W.J.M.""",
        ["Ballymena", "Adair", "Belfast City Hospital", "Roberta", "Royal Irish Regiment", "W.J.M."],
        ["Hope you", "Grace and peace"],
        id="northern-ireland",
    ),
    pytest.param(
        """Dear Recipient,

Victoria here, a 44-year-old midwife from Swansea. I gave my stem cells at Neath Port Talbot Hospital
last spring. My partner Huw and our two girls, Efa and Cerys, made you the card I am not allowed to send.
Rugby is our religion here, so forgive me for saying: come on the Ospreys!

Our spaniel Dylan says woof. If one day we may write directly, my address is 27 Heol y Nant, Sketty,
SA2 0GE, and my mobile is 07911 123456.

Cofion cynnes,
Vic""",
        [
            "Victoria",
            "Swansea",
            "Neath Port Talbot Hospital",
            "Huw",
            "Efa",
            "Cerys",
            "Ospreys",
            "Dylan",
            "27 Heol y Nant",
            "Sketty",
            "SA2 0GE",
            "07911 123456",
            "Vic",
        ],
        [
            "Dear Recipient",
        ],
        id="swansea",
    ),
    pytest.param(
        """To my donor,

Austin is where I live now, but I grew up in Manila. I'm Jun, a software tester at Dell, and my wife Rosa
keeps me honest. The transplant was at MD Anderson on July 9, 2023, after two failed rounds of chemo. Dr.
Asante and the whole team on the 8th floor saved my life, with your help of course.

Every Friday I play pickup basketball at the Y on Burnet Road. Rosa says hi.

Salamat,
Jun R.""",
        [
            "Austin",
            "Manila",
            "Jun",
            "Dell",
            "Rosa",
            "MD Anderson",
            "July 9, 2023",
            "Asante",
            "Burnet Road",
            "Jun R.",
        ],
        [
            "Every Friday",
            "To my donor",
        ],
        id="austin",
    ),
    pytest.param(
        """hi donor person

its me, the kid who got ur bone marrow. im 12 and my name is mateo. i live in fresno with my abuela and my
brother santi. my teacher mrs nowicki at roosevelt middle school let me write this in class. i like
the mets and minecraft. my cat is named pepita and she is orange

bye
mateo""",
        [
            "mateo",
            "fresno",
            "santi",
            "nowicki",
            "roosevelt middle school",
            "mets",
            "pepita",
        ],
        [
            "orange",
            "class",
        ],
        id="fresno-lower-case",
    ),
    pytest.param(
        """Dear Donor,

My husband Ahmed received your gift at King Faisal Specialist Hospital in Riyadh on 14/11/2023. He is a
civil engineer with Saudi Aramco and the father of our three children: Omar, Layla and little Yusuf. His
patient number is KFSH-55120.

We pray for you after every prayer. May Allah reward you.

Fatima (Umm Omar)""",
        [
            "Ahmed",
            "King Faisal Specialist Hospital",
            "Riyadh",
            "14/11/2023",
            "Saudi Aramco",
            "Omar",
            "Layla",
            "Yusuf",
            "KFSH-55120",
            "Fatima",
            "Umm Omar",
        ],
        [
            "Dear Donor",
            "May Allah",
        ],
        id="riyadh",
    ),
    pytest.param(
        """G'day,

Name's Shane, I'm a sparkie from Bundaberg, 38, married to Kylie with three kids under ten. Donated at the
Princess Alexandra in March last year. The Broncos lost that weekend, which hurt more than the
needles. Our kelpie, Red, sleeps under the ute.

If the rules let us, find me on Facebook as Shane Dwyer Plumbing or ring 0412 555 678.

Cheers mate,
Shane""",
        [
            "Shane",
            "Bundaberg",
            "Kylie",
            "Princess Alexandra",
            "Broncos",
            "Red",
            "Shane Dwyer Plumbing",
            "0412 555 678",
        ],
        [],
        id="bundaberg",
    ),
    pytest.param(
        """Dear Recipient,

Hope is something I have learned a lot about this year. Grace, my youngest, was in hospital with
pneumonia the same week as the donation, so I was running between two wards! Thankfully she is fine now.
We live in a small village near Inverness called Kiltarlity, and I work at the distillery in Beauly.

With warm wishes,
Isla""",
        [
            "Grace",
            "Inverness",
            "Kiltarlity",
            "Beauly",
            "Isla",
        ],
        [
            "Hope is",
            "Dear Recipient",
        ],
        id="inverness",
    ),
    pytest.param(
        """Dear Donor,

Je m'appelle Élodie, I am from Lyon and I am 29. My transplant was on 2 mai 2023 at the Centre Léon Bérard.
My boyfriend Karim and my sister Anaïs stayed with me all the time. I work as a nurse at the Hôpital
Édouard-Herriot, so now I know both sides of the bed! I love OL, the football club, and my cat Noisette.

You can write me at elodie.m@exemple.fr if one day it is allowed.

Bisous,
Élodie""",
        [
            "Élodie",
            "Lyon",
            "2 mai 2023",
            "Centre Léon Bérard",
            "Karim",
            "Anaïs",
            "Hôpital\nÉdouard-Herriot",
            "OL",
            "Noisette",
            "elodie.m@exemple.fr",
        ],
        [
            "Dear Donor",
        ],
        id="lyon",
    ),
    pytest.param(
        """Dear Donor,

I am Aroha, 31, from Rotorua. My whānau call me Ro. I got my MDS diagnosis at Waikato Hospital and
transplanted at Middlemore Hospital on 22 August 2023. My partner Tane works for Fonterra and our son
Nikau is four. He supports the Chiefs like his dad.

Ngā mihi nui,
Aroha""",
        [
            "Aroha",
            "Rotorua",
            "Ro",
            "Waikato Hospital",
            "Middlemore Hospital",
            "22 August 2023",
            "Tane",
            "Fonterra",
            "Nikau",
            "Chiefs",
        ],
        [
            "Dear Donor",
            "MDS",
        ],
        id="rotorua",
    ),
    pytest.param(
        """Hi there,

So I'm the guy. Connor, 26, bartender in Boston, huge Celtics fan. My mom Deb drove me to Mass General for
the donation on 3/2/24 and honestly she was more nervous than me. My roommates Tyler and Kavya covered my
shifts at The Black Rose for a week. Write me at connor.b.walsh@gmail.com someday, or text 617-555-0148.

Stay strong,
C.""",
        [
            "Connor",
            "Boston",
            "Celtics",
            "Deb",
            "Mass General",
            "3/2/24",
            "Tyler",
            "Kavya",
            "The Black Rose",
            "connor.b.walsh@gmail.com",
            "617-555-0148",
            "C.",
        ],
        [
            "Hi there",
        ],
        id="boston",
    ),
    pytest.param(
        """Dear stranger who saved my daughter,

Our Amelia is five now and started Reception at St Anne's Primary in September. She was treated on
Robin Ward at Great Ormond Street, and the play specialist, Bex, made every day bearable. We live in
Croydon; my husband Marcus is a bus driver for Arriva and I work part-time at the Boots on the high street.

Amelia wants you to know that her favourite animal is a sloth and her best friend is called Poppy.

With endless thanks,
Sarah and Marcus (Amelia's mum and dad)""",
        [
            "Amelia",
            "St Anne's Primary",
            "Robin Ward",
            "Great Ormond Street",
            "Bex",
            "Croydon",
            "Marcus",
            "Arriva",
            "Boots",
            "Poppy",
            "Sarah",
        ],
        [],
        id="croydon",
    ),
    pytest.param(
        """Querido donante,

Me llamo Joaquín y tengo 40 años. I live in Córdoba, Argentina, and I am a music teacher at the
Escuela N° 1354 Manuel Belgrano. My wife Florencia and my sons Benicio and Bautista went with me to the
Hospital Privado the morning of the donation, 15/05/2023. We are fans of Talleres, sorry for that.

Mi celular es +54 9 351 555-2233.

Un fuerte abrazo,
Joaco""",
        [
            "Joaquín",
            "Córdoba",
            "Escuela N° 1354 Manuel Belgrano",
            "Florencia",
            "Benicio",
            "Bautista",
            "Hospital Privado",
            "15/05/2023",
            "Talleres",
            "+54 9 351 555-2233",
            "Joaco",
        ],
        [
            "Querido donante",
        ],
        id="cordoba",
    ),
    pytest.param(
        """Dear Recipient,

My name is Zhou Min and I am a nurse in Chengdu. I signed up with the Chinese Marrow Donor Registry in
2015 when I was a student at Sichuan University. My daughter Xiaoyu is eight and she drew a panda for
you. My WeChat is zhoumin_cd88 but the office says I must wait.

Best wishes from Sichuan,
Zhou Min""",
        [
            "Zhou Min",
            "Chengdu",
            "Chinese Marrow Donor Registry",
            "2015",
            "Sichuan University",
            "Xiaoyu",
            "zhoumin_cd88",
            "Sichuan",
        ],
        [
            "Dear Recipient",
            "WeChat",
        ],
        id="chengdu",
    ),
    pytest.param(
        """Dear friend,

I was at the Cleveland Clinic in Ohio for the whole of June. My sister Ruth flew in from Denver and stayed
at the Hope Lodge nearby. Faith and family got me through. I am a retired Lutheran pastor, and my old
congregation at Bethany Lutheran in Sioux Falls remembers you every Sunday as "our donor".

In Christ,
Pastor Arne Lindgren""",
        [
            "Cleveland Clinic",
            "Ohio",
            "Ruth",
            "Denver",
            "Hope Lodge",
            "Bethany Lutheran",
            "Sioux Falls",
            "Arne Lindgren",
        ],
        [
            "Faith and family",
        ],
        id="cleveland",
    ),
    pytest.param(
        """Dear Recipient,

Rose, my wife, says I should start with the weather, so: it is raining in Limerick. I'm Declan O'Sullivan,
a plasterer, and I gave my cells at St. James's in Dublin on the twelfth of May. Our two cats, mittens and
pickle, ignored the whole business. I coach the under-12s at Garryowen on Saturdays.

All the best,
Declan""",
        [
            "Rose",
            "Limerick",
            "Declan O'Sullivan",
            "St. James",
            "Dublin",
            "twelfth of May",
            "mittens",
            "pickle",
            "Garryowen",
            "Declan",
        ],
        [
            "Saturdays",
        ],
        id="limerick",
    ),
    pytest.param(
        """Hello!

I'm Kavya D'Souza, 29, a primary teacher in Nashik. I registered with DATRI during a drive at Fergusson
College. My parents, Anil and Meera, live with us, and my little nephew Aarav thinks I am a superhero.
I was born on 5th August 1994, so the donation was almost a birthday present!

Email: kavya.dsouza94@example.in

Warm regards,
Kavya""",
        [
            "Kavya D'Souza",
            "Nashik",
            "DATRI",
            "Fergusson\nCollege",
            "Anil",
            "Meera",
            "Aarav",
            "5th August 1994",
            "kavya.dsouza94@example.in",
            "Kavya",
        ],
        [
            "Hello",
        ],
        id="nashik",
    ),
    pytest.param(
        """Dear Donor,

I am 67, a retired train driver from Groningen. My grandson Sem received your stem cells at the Prinses
Máxima Centrum. He is crazy about Ajax, which is a problem in a family of FC Groningen supporters! My wife
Ineke knitted him a scarf in both colours to keep the peace.

Our address, if ever allowed: Lindengracht 112, 9712 AB Groningen.

Met hartelijke groet,
Opa Kees""",
        [
            "Groningen",
            "Sem",
            "Máxima Centrum",
            "Ajax",
            "FC Groningen",
            "Ineke",
            "Lindengracht 112",
            "9712 AB",
            "Kees",
        ],
        [
            "Dear Donor",
        ],
        id="groningen",
    ),
    pytest.param(
        """Dear friend,

My son Mateo was born with a rare immune disease. We are from a small town called Tudela in Navarra. He
had his transplant at the Niño Jesús in Madrid in October 2022, and now he runs around like nothing
happened. Doctor Martínez and the nurse Inma were angels. His patient ID is NJ-2022-4471.

Mateo wants to tell you he has a new puppy named Churro.

Un abrazo,
Carmen""",
        [
            "Mateo",
            "Tudela",
            "Navarra",
            "Niño Jesús",
            "Madrid",
            "October 2022",
            "Martínez",
            "Inma",
            "NJ-2022-4471",
            "Churro",
            "Carmen",
        ],
        [
            "Dear friend",
        ],
        id="tudela",
    ),
    pytest.param(
        """Dear Donor,

it's Grandad Bill writing, 81 years young, from Scarborough. My granddaughter Jess got your cells at
Hull Royal Infirmary last Christmas Eve. I served with the Green Howards in my day. The nurses on
Ward J94 were so kind, above all a lass called Blessing.

God bless,
Bill Hartley""",
        [
            "Bill",
            "Scarborough",
            "Jess",
            "Hull Royal Infirmary",
            "Green Howards",
            "Ward J94",
            "Blessing",
            "Bill Hartley",
        ],
        [
            "Christmas Eve",
        ],
        id="scarborough",
    ),
    pytest.param(
        """Dear Recipient,

A few ways to find me, if it is ever allowed: snap is kiki.moves, TikTok @kikimoves_official, and my
blog is kikimoves.blog/donation-diary. My Discord is kiki#4471. Work phone 020 7946 0958 ext. 214.

I work at Monzo in London as a designer. My best friend Tolu came with me to the donation at the London
Clinic on Harley Street.

xo Kiki""",
        [
            "kiki.moves",
            "@kikimoves_official",
            "kikimoves.blog/donation-diary",
            "kiki#4471",
            "020 7946 0958",
            "Monzo",
            "London",
            "Tolu",
            "London\nClinic",
            "Harley Street",
            "Kiki",
        ],
        [
            "Dear Recipient",
        ],
        id="handles-and-extensions",
    ),
    pytest.param(
        """Dear Donor,

My name is Sven-Erik Johansson and I am writing from Tromsø. My personal number is 19650412-3391, which
perhaps I should not say! I am a fisherman on the boat Havørn, and my wife Liv runs a small café,
Kaffebrenneriet på Torget. We have a dog, a big Newfoundland, called Bamse.

Hilsen,
Sven-Erik""",
        [
            "Sven-Erik Johansson",
            "Tromsø",
            "19650412-3391",
            "Havørn",
            "Liv",
            "Kaffebrenneriet",
            "Bamse",
            "Sven-Erik",
        ],
        [
            "Dear Donor",
        ],
        id="tromso",
    ),
    pytest.param(
        """Dear friend,

We are the parents of little Mia, who was born on 2 February 2021 and diagnosed at ten months. We live
in a village near Graz called Seiersberg. My husband Florian works for Magna Steyr and I am a physio at
the LKH Graz. Mia's favourite thing is our neighbour's donkey, Hansi.

Phone: 0043 664 1234567

Liebe Grüße,
Katharina""",
        [
            "Mia",
            "2 February 2021",
            "Graz",
            "Seiersberg",
            "Florian",
            "Magna Steyr",
            "LKH Graz",
            "Hansi",
            "0043 664 1234567",
            "Katharina",
        ],
        [
            "Dear friend",
            "Liebe Grüße",
        ],
        id="graz",
    ),
    pytest.param(
        """HELLO DONOR

MY NAME IS OSCAR AND I AM 7. I LIVE IN LUTON WITH MY MUM AND MY DOG PICKLE. MY SCHOOL IS BRAMLEY PARK
ACADEMY. I LIKE LUTON TOWN AND DINOSAURS. THANK YOU FOR MAKING ME BETTER.

LOVE OSCAR""",
        [
            "OSCAR",
            "LUTON",
            "PICKLE",
            "BRAMLEY PARK\nACADEMY",
            "LUTON TOWN",
        ],
        [
            "THANK YOU",
        ],
        id="all-capitals-child",
    ),
    pytest.param(
        """Dear Donor,

Mr. and Mrs. Henderson from next door asked me to say thank you too. Reverend Thomas Blake at St Aidan's
has kept you in his prayers. My kids (Ava, 9, and Leo, 6) want to know if you like cats.

I drive for the Co-op and my wife teaches at Oakfield Junior School in Wigan.

Big hugs,
The Nguyen family""",
        [
            "Henderson",
            "Thomas Blake",
            "St Aidan",
            "Ava",
            "Leo",
            "Co-op",
            "Oakfield Junior School",
            "Wigan",
            "Nguyen",
        ],
        [
            "Dear Donor",
            "Big hugs",
        ],
        id="formal-titles",
    ),
    pytest.param(
        """Dear Recipient,

My name is Ifeoma but everyone calls me Zee. I'm a midwife in Houston and I donated at Methodist Hospital in
the Texas Medical Center. My twin brother Ikenna was a match for nobody, so I guess I got lucky!

I run with a club called Bayou City Harriers every Saturday at 6am. Find me on insta: zee.runs.htx

— Zee""",
        [
            "Ifeoma",
            "Zee",
            "Houston",
            "Methodist Hospital",
            "Texas Medical Center",
            "Ikenna",
            "Bayou City Harriers",
            "zee.runs.htx",
        ],
        [
            "Dear Recipient",
            "Saturday",
        ],
        id="nickname-and-dash-signature",
    ),
    pytest.param(
        """Dear Donor,

Our son Eli (DOB 03/04/2015) had his transplant at GOSH last winter. Before that he was at CHOP while we
lived in Philadelphia for my husband's job with Comcast. His NHS no. is 943 476 5919, the social worker said
it helps. Prof. Amrolia and his fellow, Dr Sasha Ivanova, were brilliant, and so was the play team on Fox
Ward, especially Becky-Jo.

Eli loves Arsenal, Lego and his hamster, Sir Nibbles.

From the bottom of our hearts,
Jen & Mark""",
        [
            "Eli",
            "03/04/2015",
            "GOSH",
            "CHOP",
            "Philadelphia",
            "Comcast",
            "943 476 5919",
            "Amrolia",
            "Sasha Ivanova",
            "Fox\nWard",
            "Becky-Jo",
            "Arsenal",
            "Sir Nibbles",
            "Jen & Mark",
        ],
        [
            "Dear Donor",
        ],
        id="hospital-acronyms",
    ),
    pytest.param(
        """Hi,

So, my name's Ines, I'm 33, and I'm a firefighter in Coimbra. I was at IPO Coimbra for the collection, and
my captain, Rui, let me have the week off. My girlfriend Bea knitted the worst scarf in the world to keep me
warm in the hospital. We support Académica obviously.

If you ever want: ines.bombeira at clix dot pt

Beijinhos,
Ines""",
        [
            "Ines",
            "Coimbra",
            "IPO Coimbra",
            "Rui",
            "Bea",
            "Académica",
            "ines.bombeira at clix dot pt",
        ],
        [
            "Hi",
        ],
        id="coimbra",
    ),
    pytest.param(
        """14 Rosemary Lane
Tewkesbury
GL20 5BX
12th March 2024

Dear Donor,

I am eighty-two and not one for writing letters, but I must try. My grandson Callum is alive because of
you. He was looked after by Dr Fenwick and Sister O'Hare on Ward 7 at New Cross in Wolverhampton.

Callum plays the trumpet in the Tewkesbury Silver Band and works at Morrisons. He is courting a lovely girl
called Bethany.

Yours sincerely,
Margaret Ellis (Mrs)""",
        [
            "14 Rosemary Lane",
            "Tewkesbury",
            "GL20 5BX",
            "12th March 2024",
            "Callum",
            "Fenwick",
            "O'Hare",
            "Ward 7",
            "New Cross",
            "Wolverhampton",
            "Tewkesbury Silver Band",
            "Morrisons",
            "Bethany",
            "Margaret Ellis",
        ],
        [
            "Dear Donor",
            "Yours sincerely",
        ],
        id="address-block",
    ),
    pytest.param(
        """Dear You,

Greetings from Almaty! I am Aigerim, 27, and I work as a bookkeeper for Kaspi Bank. My transplant was at the
National Research Oncology Center in Astana on 19.09.2023. My mother Gulnara and my fiancé Daniyar were with
me. We will marry next summer in Shymkent, where my grandparents live.

With love,
Aigerim""",
        [
            "Almaty",
            "Aigerim",
            "Kaspi Bank",
            "National Research Oncology Center",
            "Astana",
            "19.09.2023",
            "Gulnara",
            "Daniyar",
            "Shymkent",
        ],
        [
            "Dear You",
        ],
        id="almaty",
    ),
    pytest.param(
        """To whoever got my marrow,

hope ur doing ok!! im rik, 19, and i work at the krispy kreme in loughborough lol. my mate ollie talked me
into the swab stand at freshers and now here we are. my mum says hi and so does our cat nugget

stay strong x
rik""",
        [
            "rik",
            "krispy kreme",
            "loughborough",
            "ollie",
            "nugget",
        ],
        [],
        id="lower-case-shop",
    ),
    pytest.param(
        """Dear Recipient,

Auntie Pat and Uncle Ray drove me to the clinic. The nurses, especially Joy, were wonderful, and Mr Patel
the consultant explained everything twice. I was born on Jan. 5th 1979 in Bangalore, PIN 560034, and moved
to Cologne in 2005. Call me on 0221 / 123 45 67 or visit https://example.org/blog?id=77&ref=donor.

John D.""",
        [
            "Pat",
            "Ray",
            "Joy",
            "Patel",
            "Jan. 5th 1979",
            "Bangalore",
            "560034",
            "Cologne",
            "2005",
            "0221 / 123 45 67",
            "https://example.org/blog?id=77&ref=donor",
            "John D.",
        ],
        [
            "Dear Recipient",
        ],
        id="titles-and-urls",
    ),
    pytest.param(
        """Dear Donor,

Our family is from Dhaka but we live in Bradford now. My son Arif had his transplant at Northern General in
Sheffield, and Dr. Ruth Okafor looked after him. Every Eid we remember you. Arif's school, Carlton Bolling
College, sent a card. He supports Bradford City and wants to be a pilot with Emirates.

Our Eircode in Ireland, where my brother lives, is D02 X285, if that is useful one day.

Khuda Hafiz,
Nasreen""",
        [
            "Dhaka",
            "Bradford",
            "Arif",
            "Northern General",
            "Sheffield",
            "Ruth Okafor",
            "Carlton Bolling",
            "Bradford City",
            "Emirates",
            "D02 X285",
            "Nasreen",
        ],
        [
            "Dear Donor",
            "Eid",
        ],
        id="eircode",
    ),
]


@pytest.mark.parametrize(("text", "must_flag", "must_not_flag"), LETTERS)
def test_it_flags_every_identifying_detail_of_a_letter(text, must_flag, must_not_flag):
    """Every listed detail is fully covered; the listed harmless words are left alone."""
    flags = detect(text)
    missed = [fragment for fragment in must_flag if not covered(text, fragment, flags)]
    assert missed == []
    for fragment in must_not_flag:
        start = text.index(fragment)
        end = start + len(fragment)
        assert not any(f.start < end and start < f.end for f in flags), fragment
