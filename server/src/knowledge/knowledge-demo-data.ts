import type { DemoKnowledge } from './knowledge-demo-data.types';

/**
 * Demo knowledge base of the Central 156 (city hotline) attended through Receptivo.
 * Fictional city hall: every e-mail and link uses the example.gov.br domain.
 * HTML uses only p, br, strong, em, ul, ol, li, a[href], h3, h4 and blockquote.
 */
export const demoKnowledge: DemoKnowledge = {
  organs: [
    {
      key: 'siurb',
      name: 'Secretaria Municipal de Infraestrutura Urbana e Obras',
      acronym: 'SIURB',
      email: 'siurb@prefeitura.example.gov.br',
    },
    {
      key: 'ilume',
      name: 'Departamento de Iluminação Pública',
      acronym: 'ILUME',
      email: 'ilume@prefeitura.example.gov.br',
    },
    {
      key: 'amlurb',
      name: 'Autoridade Municipal de Limpeza Urbana',
      acronym: 'AMLURB',
      email: 'amlurb@prefeitura.example.gov.br',
    },
    {
      key: 'smt',
      name: 'Secretaria Municipal de Mobilidade e Trânsito',
      acronym: 'SMT',
      email: 'smt@prefeitura.example.gov.br',
    },
    {
      key: 'sms',
      name: 'Secretaria Municipal da Saúde',
      acronym: 'SMS',
      email: 'sms@prefeitura.example.gov.br',
    },
    {
      key: 'sme',
      name: 'Secretaria Municipal de Educação',
      acronym: 'SME',
      email: 'sme@prefeitura.example.gov.br',
    },
    {
      key: 'sf',
      name: 'Secretaria Municipal da Fazenda',
      acronym: 'SF',
      email: 'fazenda@prefeitura.example.gov.br',
    },
    {
      key: 'svma',
      name: 'Secretaria Municipal do Verde e do Meio Ambiente',
      acronym: 'SVMA',
      email: 'svma@prefeitura.example.gov.br',
    },
    {
      key: 'smsub',
      name: 'Secretaria Municipal das Subprefeituras',
      acronym: 'SMSUB',
      email: 'smsub@prefeitura.example.gov.br',
    },
    {
      key: 'smads',
      name: 'Secretaria Municipal de Assistência e Desenvolvimento Social',
      acronym: 'SMADS',
      email: 'smads@prefeitura.example.gov.br',
    },
  ],

  categories: [
    // ─────────────────────────────────────────────────────────── Iluminação pública
    {
      name: 'Iluminação pública',
      description: 'Lâmpadas apagadas, postes danificados e pedidos de nova iluminação em ruas, praças e vielas.',
      informations: [
        {
          title: 'Lâmpada apagada em via pública',
          published: true,
          body: `<p>A manutenção das lâmpadas da iluminação pública em ruas, avenidas, praças e vielas é feita pelo <strong>Departamento de Iluminação Pública (ILUME)</strong>. Lâmpadas apagadas, piscando ou acesas durante o dia são registradas pela Central 156.</p>
<p>Para a equipe encontrar o ponto com rapidez, peça o endereço mais próximo, um ponto de referência e, se possível, o <strong>número do poste</strong>, pintado ou afixado em plaquinha a cerca de 2 metros do chão.</p>
<p>Iluminação de condomínios, vilas particulares e áreas internas de imóveis <em>não</em> é responsabilidade da Prefeitura.</p>`,
          proposedSolution: `<p>Sua solicitação de reparo da iluminação pública foi registrada e encaminhada ao Departamento de Iluminação Pública (ILUME).</p>
<ul>
<li><strong>Prazo de atendimento:</strong> até 72 horas (3 dias) a partir do registro.</li>
<li>Não é preciso estar no local: a equipe faz a vistoria e o reparo durante a ronda noturna.</li>
<li>Se o conserto depender da troca do poste ou da rede elétrica, o prazo pode ser maior; o andamento fica registrado no protocolo.</li>
<li>Acompanhe pelo Portal 156 (<a href="https://156.prefeitura.example.gov.br">156.prefeitura.example.gov.br</a>) ou ligando para o 156 com o número do protocolo em mãos.</li>
</ul>`,
          keywords: ['lâmpada', 'iluminação', 'poste', 'luz apagada', 'ilume'],
          requestTypes: ['Lâmpada apagada'],
        },
        {
          title: 'Iluminação acesa durante o dia ou piscando',
          body: `<p>Luminárias acesas de dia quase sempre indicam defeito no <strong>relé fotoelétrico</strong> (a fotocélula que liga e desliga a luz conforme a claridade). Lâmpadas piscando costumam indicar falha no reator ou fim da vida útil.</p>
<p>Além do desperdício de energia, esse defeito costuma evoluir para o apagamento total. Por isso vale registrar mesmo que a rua ainda não esteja escura.</p>`,
          proposedSolution: `<p>Registramos o defeito para o ILUME no serviço <strong>Lâmpada apagada</strong>, indicando a situação "Acesa durante o dia" ou "Piscando".</p>
<ul>
<li>Prazo de atendimento: até 72 horas.</li>
<li>Se mais de um poste da mesma rua apresenta o problema, informe a quantidade: a equipe verifica o circuito inteiro.</li>
<li>Acompanhe pelo Portal 156 ou pelo telefone 156, com o número do protocolo.</li>
</ul>`,
          keywords: ['iluminação', 'lâmpada', 'acesa de dia', 'piscando', 'desperdício'],
          requestTypes: ['Lâmpada apagada'],
        },
        {
          title: 'Poste danificado, caído ou com fiação exposta',
          body: `<p>Poste abalroado por veículo, inclinado, com base corroída ou com luminária pendurada oferece <strong>risco imediato</strong>. Havendo fios caídos, faíscas ou cheiro de queimado, a prioridade é afastar as pessoas do local.</p>
<p>Postes da rede elétrica (com transformadores e fios de alta tensão) pertencem à <strong>concessionária de energia</strong>. A Prefeitura cuida dos postes exclusivos de iluminação pública, como os de praças, canteiros centrais e vielas.</p>`,
          proposedSolution: `<p><strong>Se houver fio caído ou faísca:</strong> não se aproxime nem toque no poste, nos fios ou em grades próximas. Ligue imediatamente para o <strong>193 (Corpo de Bombeiros)</strong> ou para a concessionária de energia.</p>
<p>Para poste de iluminação pública danificado, sem risco elétrico, registramos a solicitação para o ILUME:</p>
<ul>
<li>Vistoria e isolamento da área em até 48 horas.</li>
<li>A substituição do poste pode levar mais tempo, conforme a disponibilidade de material; acompanhe pelo protocolo.</li>
<li>Se o poste foi derrubado por um veículo, guarde a placa e o boletim de ocorrência, se houver: a Prefeitura pode cobrar o reparo do responsável.</li>
</ul>`,
          keywords: ['poste', 'fiação', 'fio caído', 'risco', 'iluminação'],
          requestTypes: ['Poste de iluminação danificado'],
        },
        {
          title: 'Nova iluminação ou reforço em praças, vielas e ruas',
          body: `<p>Pedidos de <strong>implantação</strong> (rua sem nenhum ponto de luz) ou de <strong>reforço</strong> (trechos escuros, árvores encobrindo luminárias) passam por estudo técnico do ILUME e dependem de programação orçamentária.</p>
<p>A análise considera o fluxo de pedestres, a proximidade de escolas, pontos de ônibus e unidades de saúde e os registros de segurança da região. Ruas ainda não oficializadas (loteamentos irregulares) dependem de regularização antes da instalação.</p>`,
          proposedSolution: `<p>O pedido de nova iluminação não tem prazo de execução garantido, pois depende de estudo técnico e de orçamento. Para solicitar:</p>
<ol>
<li>Envie um e-mail para <a href="mailto:ilume@prefeitura.example.gov.br">ilume@prefeitura.example.gov.br</a> com o endereço, o trecho que precisa de luz e o motivo (fotos ajudam).</li>
<li>Abaixo-assinados de moradores e associações de bairro reforçam o pedido.</li>
<li>O ILUME responde em até 30 dias informando se o local entra na programação.</li>
</ol>
<p>Se o trecho ficou escuro porque a copa de uma árvore cobre a luminária, peça também a <strong>poda de árvore</strong> pela Central 156.</p>`,
          keywords: ['iluminação', 'reforço', 'rua escura', 'praça', 'segurança'],
        },
      ],
      requestTypes: [
        {
          name: 'Lâmpada apagada',
          description: 'Lâmpada de iluminação pública apagada, piscando ou acesa durante o dia.',
          organKey: 'ilume',
          formSchema: {
            type: 'object',
            properties: {
              pontoReferencia: {
                type: 'string',
                title: 'Ponto de referência',
                maxLength: 200,
                description: 'Ajuda a equipe a localizar o poste durante a ronda noturna.',
                'x-placeholder': 'Ex.: em frente à padaria, perto do ponto de ônibus',
              },
              numeroPoste: {
                type: 'string',
                title: 'Número do poste',
                maxLength: 20,
                'x-help': 'Número pintado no poste',
                'x-placeholder': 'Ex.: 045123',
              },
              periodo: {
                type: 'string',
                title: 'Situação da lâmpada',
                enum: ['Apagada o dia todo', 'Apagada só à noite', 'Piscando', 'Acesa durante o dia'],
                'x-widget': 'radio',
              },
              quantidadePostes: {
                type: 'integer',
                title: 'Quantidade de postes com problema',
                minimum: 1,
                maximum: 30,
                description: 'Quantos postes seguidos, no mesmo trecho, estão com defeito.',
              },
            },
            required: ['periodo'],
          },
          operatorGuidance: `<p><strong>Pergunte:</strong> ponto de referência, número do poste (se o cidadão conseguir ver) e se a lâmpada está apagada, piscando ou acesa de dia.</p>
<ul>
<li>Se houver <strong>fio caído, faísca ou poste inclinado</strong>, não registre aqui: use <em>Poste de iluminação danificado</em> e oriente ligar para o 193.</li>
<li>Confira se já existe protocolo aberto no mesmo endereço: o sistema agrupa as solicitações por endereço.</li>
<li>Não prometa horário de visita; informe apenas o prazo de até 72 horas.</li>
<li>Condomínios e vilas particulares não são atendidos: oriente procurar a administração do condomínio.</li>
</ul>`,
          slaHours: 72,
          restartWindowHours: 48,
          groupByAddress: true,
          addressRequired: true,
        },
        {
          name: 'Poste de iluminação danificado',
          description: 'Poste exclusivo de iluminação pública inclinado, abalroado, com base danificada ou luminária solta.',
          organKey: 'ilume',
          formSchema: {
            type: 'object',
            properties: {
              tipoDano: {
                type: 'string',
                title: 'Tipo de dano',
                enum: [
                  'Poste inclinado ou com risco de queda',
                  'Poste abalroado por veículo',
                  'Luminária solta ou pendurada',
                  'Base corroída ou quebrada',
                  'Tampa da caixa de passagem aberta',
                ],
                'x-widget': 'select',
              },
              riscoEletrico: {
                type: 'boolean',
                title: 'Há fios expostos ou risco de choque?',
                'x-help': 'Se sim, oriente o cidadão a se afastar e ligar para o 193 ou para a concessionária antes de concluir o registro.',
              },
              numeroPoste: {
                type: 'string',
                title: 'Número do poste',
                maxLength: 20,
                'x-help': 'Número pintado no poste',
              },
              pontoReferencia: {
                type: 'string',
                title: 'Ponto de referência',
                maxLength: 200,
                'x-placeholder': 'Ex.: canteiro central, em frente ao nº 250',
              },
              descricao: {
                type: 'string',
                title: 'Descrição',
                maxLength: 1000,
                'x-widget': 'textarea',
                description: 'O que o cidadão observou (placa do veículo que bateu, desde quando está assim etc.).',
              },
            },
            required: ['tipoDano'],
          },
          operatorGuidance: `<p><strong>Primeiro, a segurança:</strong> pergunte se há fios caídos ou faíscas. Se houver, oriente o cidadão a se afastar e ligar para o <strong>193</strong>; registre o protocolo em seguida.</p>
<ul>
<li>Postes com transformador ou fios de alta tensão são da concessionária de energia: informe o telefone da concessionária que aparece na conta de luz.</li>
<li>Não prometa a troca do poste no prazo: o prazo de 48 horas é para vistoria e isolamento.</li>
<li>Se o cidadão viu o acidente, registre a placa do veículo na descrição.</li>
</ul>`,
          slaHours: 48,
          restartWindowHours: 48,
          groupByAddress: true,
          addressRequired: true,
        },
      ],
    },

    // ─────────────────────────────────────────────────────────── Limpeza urbana
    {
      name: 'Limpeza urbana',
      description: 'Coleta de lixo e coleta seletiva, entulho, objetos volumosos (Cata-Bagulho) e varrição de ruas.',
      informations: [
        {
          title: 'Coleta domiciliar e coleta seletiva: dias e horários',
          published: true,
          body: `<p>A <strong>coleta domiciliar</strong> (lixo comum e orgânico) passa diariamente ou em dias alternados, conforme o bairro. A <strong>coleta seletiva</strong> (recicláveis: papel, plástico, metal e vidro) passa uma vez por semana.</p>
<p>Os dias e horários de cada rua podem ser consultados pelo endereço no portal da Prefeitura. Os sacos devem ir para a calçada no máximo <strong>2 horas antes</strong> da passagem do caminhão, bem fechados e fora do alcance de animais.</p>
<p>Vidros quebrados devem ser embrulhados em jornal ou papelão e identificados, para proteger os coletores.</p>`,
          proposedSolution: `<ol>
<li>Consulte os dias e horários da sua rua em <a href="https://prefeitura.example.gov.br/coleta">prefeitura.example.gov.br/coleta</a>, informando o CEP.</li>
<li>Separe os recicláveis limpos e secos em saco diferente do lixo comum.</li>
<li>Se a coleta não passou no dia previsto, aguarde até o fim do dia seguinte. Persistindo, ligue para o 156 para registrar a reclamação de coleta não realizada; o prazo de regularização é de até 48 horas.</li>
</ol>`,
          keywords: ['coleta', 'lixo', 'coleta seletiva', 'reciclável', 'horário'],
        },
        {
          title: 'Descarte de entulho e Ecopontos',
          published: true,
          body: `<p>Pequenos volumes de entulho de obra (até <strong>1 m³ por dia</strong>, cerca de 25 sacos de 20 kg), madeira, móveis velhos, restos de poda e recicláveis podem ser levados gratuitamente a um <strong>Ecoponto</strong>.</p>
<p>Volumes maiores são responsabilidade de quem gera o resíduo, que deve contratar caçamba de empresa cadastrada. Jogar entulho na calçada, em terreno baldio ou em córrego é infração sujeita a multa e à apreensão do veículo usado no descarte.</p>`,
          proposedSolution: `<ul>
<li>Leve até 1 m³ por dia a um Ecoponto, de segunda a sábado, das 6h às 22h, e aos domingos e feriados, das 6h às 18h. Endereços em <a href="https://prefeitura.example.gov.br/ecopontos">prefeitura.example.gov.br/ecopontos</a>.</li>
<li>Para volumes maiores, contrate caçamba de empresa cadastrada na AMLURB e exija o comprovante de destinação.</li>
<li>Se o entulho foi abandonado na via pública, registramos a <strong>remoção de entulho</strong>: prazo de até 5 dias.</li>
<li>Descarte irregular em flagrante (com placa do veículo) pode ser informado no protocolo para fiscalização.</li>
</ul>`,
          keywords: ['entulho', 'ecoponto', 'descarte', 'caçamba', 'obra'],
          requestTypes: ['Remoção de entulho'],
        },
        {
          title: 'Cata-Bagulho: retirada de objetos volumosos',
          published: true,
          body: `<p>O <strong>Cata-Bagulho</strong> recolhe gratuitamente objetos volumosos de uso doméstico: sofás, colchões, armários, camas, mesas, geladeiras e fogões (sem botijão).</p>
<p>Não são recolhidos: entulho de obra, lixo comum, pneus em quantidade, baterias, lâmpadas fluorescentes e pequenos eletrônicos — esses vão para pontos de entrega voluntária e Ecopontos.</p>
<p>Os objetos devem ser colocados na calçada <em>somente</em> na véspera à noite ou na manhã do dia agendado, sem bloquear a passagem de pedestres.</p>`,
          proposedSolution: `<p>Registramos a retirada de objetos volumosos (Cata-Bagulho) para a AMLURB.</p>
<ul>
<li>A data da coleta será informada em até 10 dias, por SMS ou e-mail, conforme o calendário do seu bairro.</li>
<li>Limite de até 10 itens por solicitação.</li>
<li>Coloque os objetos na calçada só na véspera à noite ou até as 7h do dia marcado.</li>
<li>Geladeiras e freezers devem estar desligados e vazios; fogões, sem botijão de gás.</li>
</ul>`,
          keywords: ['cata-bagulho', 'volumosos', 'móveis', 'sofá', 'colchão'],
          requestTypes: ['Retirada de objetos volumosos (Cata-Bagulho)'],
        },
        {
          title: 'Varrição de ruas e limpeza após feiras livres',
          body: `<p>A varrição das vias públicas segue roteiros com frequência diária (centros comerciais e avenidas) ou semanal (ruas residenciais). Folhas de árvores e terra acumulada na sarjeta entram na varrição regular.</p>
<p>Após as <strong>feiras livres</strong>, a limpeza e a lavagem da rua devem começar em até 1 hora depois do encerramento da feira.</p>`,
          proposedSolution: `<ul>
<li>Para rua sem varrição regular ou feira livre sem limpeza, envie o endereço, o dia da semana e o horário observado para <a href="mailto:amlurb@prefeitura.example.gov.br">amlurb@prefeitura.example.gov.br</a>, ou registre a reclamação pela Central 156.</li>
<li>A AMLURB verifica o roteiro da empresa contratada e responde em até 15 dias.</li>
<li>Entulho ou móveis abandonados não entram na varrição: peça <strong>remoção de entulho</strong> ou o Cata-Bagulho.</li>
</ul>`,
          keywords: ['varrição', 'feira livre', 'limpeza', 'rua suja'],
        },
      ],
      requestTypes: [
        {
          name: 'Remoção de entulho',
          description: 'Entulho, restos de obra ou materiais descartados irregularmente em calçada, rua ou área pública.',
          organKey: 'amlurb',
          formSchema: {
            type: 'object',
            properties: {
              tipoMaterial: {
                type: 'string',
                title: 'Tipo de material',
                enum: ['Entulho de construção', 'Restos de poda', 'Móveis e objetos', 'Lixo misturado'],
                'x-widget': 'select',
              },
              volumeEstimado: {
                type: 'string',
                title: 'Volume estimado',
                enum: ['Pequeno (até 1 m³)', 'Médio (1 a 5 m³)', 'Grande (mais de 5 m³)'],
                'x-widget': 'radio',
                'x-help': '1 m³ equivale a cerca de 25 sacos de 20 kg ou a uma caçamba de picape.',
              },
              localDeposito: {
                type: 'string',
                title: 'Onde está o material',
                enum: ['Calçada', 'Leito da rua', 'Terreno baldio público', 'Margem de córrego', 'Praça ou área verde'],
                'x-widget': 'select',
              },
              pontoReferencia: {
                type: 'string',
                title: 'Ponto de referência',
                maxLength: 200,
                'x-placeholder': 'Ex.: ao lado do poste, na esquina com a Rua B',
              },
              informacoesResponsavel: {
                type: 'string',
                title: 'Informações sobre quem descartou',
                maxLength: 500,
                'x-widget': 'textarea',
                'x-help': 'Opcional: placa ou cor do veículo, dia e horário. O cidadão não precisa se identificar como testemunha.',
              },
            },
            required: ['tipoMaterial', 'volumeEstimado', 'localDeposito'],
          },
          operatorGuidance: `<p><strong>Pergunte:</strong> que material é, o volume aproximado e onde exatamente está (calçada, rua, córrego).</p>
<ul>
<li>Se o entulho é da obra do próprio cidadão, <strong>não</strong> registre: oriente Ecoponto (até 1 m³ por dia) ou contratação de caçamba.</li>
<li>Caçamba particular abandonada ou irregular é fiscalização da subprefeitura: registre o número da empresa pintado na caçamba na descrição.</li>
<li>Não prometa multar o responsável; diga que as informações serão encaminhadas à fiscalização.</li>
</ul>`,
          slaHours: 120,
          restartWindowHours: 72,
          groupByAddress: true,
          addressRequired: true,
        },
        {
          name: 'Retirada de objetos volumosos (Cata-Bagulho)',
          description: 'Agendamento da coleta gratuita de móveis e eletrodomésticos de uso doméstico.',
          organKey: 'amlurb',
          formSchema: {
            type: 'object',
            properties: {
              itens: {
                type: 'string',
                title: 'Objetos a retirar',
                maxLength: 500,
                'x-widget': 'textarea',
                'x-placeholder': 'Ex.: 1 sofá de 3 lugares, 1 colchão de casal, 1 guarda-roupa desmontado',
              },
              quantidadeItens: {
                type: 'integer',
                title: 'Quantidade de itens',
                minimum: 1,
                maximum: 10,
                description: 'Limite de 10 itens por solicitação.',
              },
              incluiEletrodomestico: {
                type: 'boolean',
                title: 'Inclui geladeira, freezer ou fogão?',
                'x-help': 'Geladeiras desligadas e vazias; fogões sem botijão de gás.',
              },
              confirmaCalcada: {
                type: 'boolean',
                title: 'O cidadão colocará os objetos na calçada na data agendada?',
                description: 'A equipe não entra em imóveis para retirar objetos.',
              },
            },
            required: ['itens', 'quantidadeItens'],
          },
          operatorGuidance: `<p>Liste os objetos um a um e confirme a quantidade (máximo de 10 itens).</p>
<ul>
<li>Entulho, lixo comum, pneus e eletrônicos pequenos <strong>não</strong> são recolhidos: oriente o Ecoponto.</li>
<li>Explique que a equipe não entra no imóvel: os objetos precisam estar na calçada.</li>
<li>Não informe data de coleta: ela é enviada pela AMLURB em até 10 dias, conforme o calendário do bairro.</li>
</ul>`,
          slaHours: 240,
          restartWindowHours: null,
          groupByAddress: false,
          addressRequired: true,
        },
      ],
    },

    // ─────────────────────────────────────────────────────────── Trânsito e transporte
    {
      name: 'Trânsito e transporte',
      description: 'Semáforos, sinalização, multas municipais, credencial de estacionamento e ônibus municipais.',
      informations: [
        {
          title: 'Semáforo apagado, piscando ou com defeito',
          body: `<p>Semáforo apagado, em amarelo piscante fora do horário programado, com foco queimado ou virado para a direção errada é tratado como <strong>prioridade</strong>: o prazo de atendimento é de até 4 horas.</p>
<p>Enquanto o reparo não acontece, vale a regra do Código de Trânsito Brasileiro: em cruzamento com semáforo apagado, reduza a velocidade e dê preferência a quem vem pela direita, salvo placa de "Pare" ou "Dê a preferência".</p>
<p>Em muitas regiões o semáforo é chamado de <em>farol</em> ou <em>sinaleiro</em>.</p>`,
          proposedSolution: `<p>Registramos o defeito para a Secretaria Municipal de Mobilidade e Trânsito (SMT), com prioridade.</p>
<ul>
<li><strong>Prazo:</strong> até 4 horas para a equipe chegar ao local.</li>
<li>Em cruzamentos movimentados, a SMT pode enviar agentes para orientar o trânsito até o reparo.</li>
<li>Se houver acidente com feridos, ligue para o <strong>192 (SAMU)</strong> ou <strong>193 (Bombeiros)</strong>.</li>
</ul>`,
          keywords: ['semáforo', 'farol', 'sinaleiro', 'trânsito', 'cruzamento'],
          requestTypes: ['Semáforo com defeito'],
        },
        {
          title: 'Multas de trânsito: defesa, recurso e indicação de condutor',
          body: `<p>Multas aplicadas por agentes ou radares da Prefeitura são <strong>municipais</strong> e julgadas pela JARI (Junta Administrativa de Recursos de Infrações). Multas de rodovias ou do DETRAN seguem com o órgão que autuou: confira o campo "órgão autuador" na notificação.</p>
<ul>
<li><strong>Defesa prévia</strong> e <strong>indicação do condutor</strong>: até a data indicada na Notificação de Autuação.</li>
<li><strong>Recurso à JARI</strong>: até a data indicada na Notificação de Penalidade.</li>
<li>Se a JARI negar o recurso, ainda cabe recurso em segunda instância.</li>
</ul>`,
          proposedSolution: `<p>A Central 156 não cancela nem suspende multas. Para apresentar defesa, recurso ou indicar o condutor:</p>
<ol>
<li>Acesse <a href="https://prefeitura.example.gov.br/multas">prefeitura.example.gov.br/multas</a> e escolha o tipo de pedido.</li>
<li>Anexe: cópia da notificação, documento com foto e CPF do requerente, CNH do condutor (na indicação) e documento do veículo (CRLV).</li>
<li>Se quem assina não é o proprietário, anexe procuração.</li>
<li>Faça o pedido <strong>dentro do prazo</strong> da notificação; pedidos fora do prazo não são analisados.</li>
</ol>
<p>O resultado é enviado pelos Correios e fica disponível no mesmo portal.</p>`,
          keywords: ['multa', 'recurso', 'jari', 'indicação de condutor', 'notificação'],
        },
        {
          title: 'Credencial de estacionamento para idosos e pessoas com deficiência',
          body: `<p>A credencial permite usar as vagas reservadas em vias públicas e estacionamentos. Têm direito pessoas com <strong>60 anos ou mais</strong> e pessoas com deficiência ou mobilidade reduzida, sejam elas condutoras ou passageiras.</p>
<p>A credencial é pessoal, vale em todo o território nacional e deve ficar sobre o painel do veículo, com a frente visível. O uso por outra pessoa é infração gravíssima.</p>`,
          proposedSolution: `<p>A credencial é emitida gratuitamente pela SMT:</p>
<ol>
<li>Peça em <a href="https://prefeitura.example.gov.br/credencial">prefeitura.example.gov.br/credencial</a> ou em uma Praça de Atendimento.</li>
<li>Documentos: documento com foto, CPF e comprovante de residência no município.</li>
<li>Para pessoa com deficiência: laudo médico com CID, emitido nos últimos 12 meses.</li>
<li>Prazo de emissão: até 15 dias. Validade: 5 anos para idosos; para deficiência, conforme o laudo.</li>
</ol>`,
          keywords: ['credencial', 'idoso', 'pessoa com deficiência', 'estacionamento', 'vaga especial'],
        },
        {
          title: 'Ônibus municipais: atraso, lotação e conduta de motorista',
          body: `<p>Reclamações sobre <strong>ônibus municipais</strong> (atraso, intervalo longo, ônibus que não parou no ponto, conduta de motorista ou cobrador, veículo sujo ou com defeito) são apuradas pela SMT junto à empresa operadora.</p>
<p>Para a apuração, os dados essenciais são: número da linha, <strong>prefixo do veículo</strong> (número pintado na lateral e na traseira), data, horário e sentido da viagem.</p>
<p>Metrô, trens e ônibus intermunicipais são de responsabilidade do governo estadual.</p>`,
          proposedSolution: `<ul>
<li>Registramos a reclamação para a SMT, que cobra a empresa operadora e responde em até 20 dias.</li>
<li>Guarde o número do protocolo: a resposta informa as providências tomadas (advertência, reforço de frota, reciclagem do motorista).</li>
<li>Para metrô, trem e ônibus intermunicipais, procure a ouvidoria do governo estadual.</li>
<li>Objetos esquecidos no ônibus: procure a garagem da empresa da linha em até 30 dias.</li>
</ul>`,
          keywords: ['ônibus', 'linha', 'transporte coletivo', 'motorista', 'atraso'],
        },
      ],
      requestTypes: [
        {
          name: 'Semáforo com defeito',
          description: 'Semáforo apagado, piscando, com foco queimado, danificado ou com tempo inadequado.',
          organKey: 'smt',
          formSchema: {
            type: 'object',
            properties: {
              defeito: {
                type: 'string',
                title: 'Defeito observado',
                enum: [
                  'Apagado',
                  'Amarelo piscante',
                  'Foco queimado (uma das cores não acende)',
                  'Semáforo de pedestre com defeito',
                  'Virado ou danificado',
                  'Tempo de verde muito curto',
                ],
                'x-widget': 'select',
              },
              viaTransversal: {
                type: 'string',
                title: 'Via transversal (cruzamento)',
                maxLength: 150,
                'x-placeholder': 'Ex.: esquina com a Rua das Flores',
                description: 'Nome da rua que cruza com a do endereço informado.',
              },
              numeroEquipamento: {
                type: 'string',
                title: 'Número do equipamento',
                maxLength: 20,
                'x-help': 'Placa metálica na coluna do semáforo, se estiver visível.',
              },
              riscoAcidente: {
                type: 'boolean',
                title: 'Há risco imediato de acidente?',
                description: 'Cruzamento movimentado, sem agente no local.',
              },
            },
            required: ['defeito'],
          },
          operatorGuidance: `<p>Registro <strong>prioritário</strong> (prazo de 4 horas). Confirme o cruzamento exato e o defeito.</p>
<ul>
<li>Se houver acidente com feridos, oriente ligar para o 192 ou 193 antes de qualquer coisa.</li>
<li>Se o semáforo caiu sobre a via ou a fiação está exposta, marque risco de acidente e avise o supervisor.</li>
<li>Não prometa agente de trânsito no local; diga que a SMT avalia a necessidade.</li>
<li>Pedidos de <em>novo</em> semáforo não entram aqui: são estudos técnicos, por e-mail à SMT.</li>
</ul>`,
          slaHours: 4,
          restartWindowHours: 24,
          groupByAddress: true,
          addressRequired: true,
        },
        {
          name: 'Placa de sinalização danificada ou ausente',
          description: 'Placas de trânsito caídas, pichadas, encobertas ou retiradas e pintura de solo apagada.',
          organKey: 'smt',
          formSchema: {
            type: 'object',
            properties: {
              tipoSinalizacao: {
                type: 'string',
                title: 'Tipo de sinalização',
                enum: [
                  'Pare',
                  'Dê a preferência',
                  'Proibido estacionar',
                  'Velocidade máxima',
                  'Sentido de circulação',
                  'Placa com nome de rua',
                  'Faixa de pedestres',
                  'Outra',
                ],
                'x-widget': 'select',
              },
              situacao: {
                type: 'string',
                title: 'Situação',
                enum: ['Caída ou derrubada', 'Pichada ou ilegível', 'Encoberta por árvore', 'Ausente (foi retirada)', 'Pintura de solo apagada'],
                'x-widget': 'radio',
              },
              descricao: {
                type: 'string',
                title: 'Observações',
                maxLength: 500,
                'x-widget': 'textarea',
              },
            },
            required: ['tipoSinalizacao', 'situacao'],
          },
          operatorGuidance: `<p>Pergunte qual placa é e em que situação está. Placas <strong>Pare</strong> e <strong>Dê a preferência</strong> ausentes em cruzamento: avise o supervisor, pois o caso tem risco de acidente.</p>
<ul>
<li>Placa encoberta por árvore: registre também a <em>Poda de árvore</em>.</li>
<li>Pedido de lombada, nova faixa ou mudança de mão de direção não é este serviço: oriente e-mail à SMT para estudo técnico.</li>
</ul>`,
          slaHours: 168,
          restartWindowHours: 72,
          groupByAddress: true,
          addressRequired: true,
        },
      ],
    },

    // ─────────────────────────────────────────────────────────── Saúde
    {
      name: 'Saúde',
      description: 'Unidades Básicas de Saúde, vacinação, Cartão SUS, combate à dengue e orientação sobre urgência e emergência.',
      informations: [
        {
          title: 'Vacinação nas UBS: documentos e horários',
          published: true,
          body: `<p>As vacinas do Calendário Nacional de Vacinação são aplicadas gratuitamente em todas as <strong>Unidades Básicas de Saúde (UBS)</strong>, de segunda a sexta, das 7h às 19h. Durante campanhas, algumas unidades abrem também aos sábados.</p>
<ul>
<li>Leve documento com foto e CPF ou Cartão SUS.</li>
<li>Leve a caderneta de vacinação, se tiver; a falta dela <em>não</em> impede a vacinação.</li>
<li>Crianças devem ir acompanhadas de um responsável.</li>
</ul>`,
          proposedSolution: `<ol>
<li>Procure a UBS mais próxima da sua casa; a lista está em <a href="https://prefeitura.example.gov.br/ubs">prefeitura.example.gov.br/ubs</a>.</li>
<li>Não é preciso agendar vacinas de rotina.</li>
<li>Leve documento com foto, CPF ou Cartão SUS e a caderneta de vacinação.</li>
<li>Para saber quais vacinas estão em atraso, a equipe da UBS avalia a caderneta na hora.</li>
</ol>
<p>Verifique no quadro de eventos se há campanha em andamento com horário estendido.</p>`,
          keywords: ['vacina', 'vacinação', 'ubs', 'caderneta', 'campanha'],
        },
        {
          title: 'Dengue: prevenção e denúncia de focos do mosquito',
          published: true,
          body: `<p>O mosquito <em>Aedes aegypti</em>, transmissor de dengue, zika e chikungunya, se reproduz em água parada: caixas d'água destampadas, pneus, vasos de plantas, calhas entupidas, garrafas e piscinas sem tratamento.</p>
<p>Imóveis fechados, abandonados ou terrenos com acúmulo de recipientes podem ser denunciados: a equipe de vigilância ambiental faz a vistoria e, se necessário, notifica o proprietário.</p>
<p>Febre alta, dor no corpo e atrás dos olhos e manchas vermelhas na pele: procure a UBS. Dor abdominal intensa, vômitos persistentes ou sangramentos são <strong>sinais de alarme</strong> e exigem atendimento imediato em pronto-socorro.</p>`,
          proposedSolution: `<p>Registramos a denúncia de possível foco de dengue para a vigilância ambiental da Secretaria Municipal da Saúde.</p>
<ul>
<li>Vistoria em até 72 horas.</li>
<li>Se o imóvel estiver fechado, a equipe deixa aviso e pode retornar com apoio legal para entrar.</li>
<li>Em casa, reserve 10 minutos por semana para eliminar água parada: tampe a caixa d'água, limpe calhas e coloque areia nos pratos de vasos.</li>
<li>Com sintomas, procure a UBS; com sinais de alarme, vá direto ao pronto-socorro.</li>
</ul>`,
          keywords: ['dengue', 'mosquito', 'aedes', 'água parada', 'foco'],
          requestTypes: ['Denúncia de foco de dengue'],
        },
        {
          title: 'Cartão SUS: como emitir ou atualizar',
          published: true,
          body: `<p>O <strong>Cartão Nacional de Saúde</strong> (Cartão SUS) identifica o cidadão em qualquer atendimento do Sistema Único de Saúde. O número também pode ser consultado no aplicativo <em>Meu SUS Digital</em>.</p>
<p>Na UBS, o cadastro também vincula a pessoa à equipe de saúde do território, que passa a acompanhar consultas e exames. Por isso o endereço deve estar sempre atualizado.</p>`,
          proposedSolution: `<ol>
<li>Vá à UBS mais próxima da sua residência.</li>
<li>Leve documento com foto, CPF e comprovante de endereço recente (até 3 meses).</li>
<li>Para crianças: certidão de nascimento ou documento da criança e documento do responsável.</li>
<li>O cartão é emitido na hora. Na mudança de endereço, peça a atualização na nova UBS.</li>
</ol>`,
          keywords: ['cartão sus', 'cns', 'ubs', 'cadastro'],
        },
        {
          title: 'Urgência e emergência: UBS, UPA, pronto-socorro ou SAMU?',
          body: `<ul>
<li><strong>UBS</strong>: consultas, vacinas, acompanhamento de doenças crônicas, curativos e renovação de receitas.</li>
<li><strong>UPA / pronto-atendimento</strong> (24 horas): febre alta, cortes, fraturas simples, crises de asma, dor intensa.</li>
<li><strong>Pronto-socorro hospitalar</strong>: casos graves, encaminhados ou trazidos pelo SAMU.</li>
<li><strong>SAMU 192</strong>: dor no peito, falta de ar grave, desmaio, convulsão, acidente com vítima, sinais de AVC (boca torta, fraqueza de um lado do corpo, fala enrolada).</li>
</ul>
<p>A Central 156 não faz triagem médica nem aciona ambulância.</p>`,
          proposedSolution: `<p><strong>Em emergência, ligue agora para o 192 (SAMU).</strong> A ligação é gratuita, inclusive de celular sem crédito.</p>
<p>Para casos que não são emergência, procure a UBS de referência em horário comercial ou a UPA 24 horas mais próxima. Endereços em <a href="https://prefeitura.example.gov.br/saude">prefeitura.example.gov.br/saude</a>.</p>`,
          keywords: ['samu', 'upa', 'emergência', 'pronto-socorro', 'urgência'],
        },
      ],
      requestTypes: [
        {
          name: 'Denúncia de foco de dengue',
          description: 'Água parada, imóvel abandonado ou terreno com criadouros do mosquito Aedes aegypti.',
          organKey: 'sms',
          formSchema: {
            type: 'object',
            properties: {
              tipoImovel: {
                type: 'string',
                title: 'Tipo de imóvel',
                enum: [
                  'Terreno baldio',
                  'Imóvel fechado ou abandonado',
                  'Residência ocupada',
                  'Comércio ou indústria',
                  'Obra',
                  'Área pública (praça, canteiro)',
                ],
                'x-widget': 'select',
              },
              tipoFoco: {
                type: 'string',
                title: 'Possível criadouro',
                enum: [
                  'Piscina sem tratamento',
                  "Caixa d'água destampada",
                  'Pneus',
                  'Acúmulo de recipientes e lixo',
                  'Calha ou laje com água parada',
                  'Outro',
                ],
                'x-widget': 'select',
              },
              casosNaVizinhanca: {
                type: 'boolean',
                title: 'Há casos suspeitos de dengue na vizinhança?',
              },
              pontoReferencia: {
                type: 'string',
                title: 'Ponto de referência',
                maxLength: 200,
                'x-placeholder': 'Ex.: casa de muro azul, portão enferrujado',
              },
              descricao: {
                type: 'string',
                title: 'Descrição',
                maxLength: 1000,
                'x-widget': 'textarea',
                'x-help': 'Desde quando, onde fica o foco no imóvel, se há mosquitos visíveis.',
              },
            },
            required: ['tipoImovel', 'tipoFoco'],
          },
          operatorGuidance: `<p>Pergunte o tipo de imóvel, onde está a água parada e se há casos suspeitos na vizinhança.</p>
<ul>
<li>O denunciante pode pedir sigilo: não informe o nome dele ao proprietário nem à vizinhança.</li>
<li>Se o cidadão relatar <strong>sintomas</strong>, oriente a UBS; sinais de alarme (sangramento, dor abdominal forte), pronto-socorro ou 192.</li>
<li>Não prometa nebulização ("fumacê"): ela só é feita quando a vigilância confirma casos na área.</li>
</ul>`,
          slaHours: 72,
          restartWindowHours: 72,
          groupByAddress: true,
          addressRequired: true,
        },
        {
          name: 'Reclamação de atendimento em UBS',
          description: 'Demora, falta de profissional ou medicamento, dificuldade de agendamento ou conduta de servidor em UBS.',
          organKey: 'sms',
          formSchema: {
            type: 'object',
            properties: {
              nomeUnidade: {
                type: 'string',
                title: 'Nome da UBS',
                maxLength: 150,
                'x-placeholder': 'Ex.: UBS Vila Esperança',
              },
              dataAtendimento: {
                type: 'string',
                format: 'date',
                title: 'Data do atendimento',
              },
              motivo: {
                type: 'string',
                title: 'Motivo da reclamação',
                enum: [
                  'Demora no atendimento',
                  'Falta de médico ou profissional',
                  'Falta de medicamento',
                  'Dificuldade para agendar consulta ou exame',
                  'Conduta de servidor',
                  'Condições da unidade (limpeza, estrutura)',
                  'Outro',
                ],
                'x-widget': 'select',
              },
              relato: {
                type: 'string',
                title: 'Relato do ocorrido',
                maxLength: 2000,
                'x-widget': 'textarea',
                description: 'Registre os fatos, sem diagnósticos nem detalhes de saúde além do necessário.',
              },
              pacienteEhSolicitante: {
                type: 'boolean',
                title: 'O paciente é a própria pessoa que está ligando?',
              },
              nomePaciente: {
                type: 'string',
                title: 'Nome do paciente',
                maxLength: 150,
                'x-help': 'Preencha só se o paciente não for o solicitante.',
              },
              desejaRetorno: {
                type: 'boolean',
                title: 'Deseja receber retorno da unidade?',
              },
            },
            required: ['nomeUnidade', 'dataAtendimento', 'motivo', 'relato'],
          },
          operatorGuidance: `<p>Ouça o relato sem julgar e registre os <strong>fatos</strong>: unidade, data, horário aproximado e o que aconteceu.</p>
<ul>
<li>Dados de saúde são <strong>dados sensíveis</strong> (LGPD): não registre diagnósticos, exames ou doenças além do indispensável.</li>
<li>Não prometa consulta, remédio ou punição de servidor; a SMS apura e responde em até 20 dias.</li>
<li>Se o paciente está em situação de urgência agora, oriente a UPA ou o 192 antes de registrar.</li>
<li>Denúncia de assédio ou corrupção: transfira para a Ouvidoria Geral.</li>
</ul>`,
          slaHours: 480,
          restartWindowHours: null,
          groupByAddress: false,
          addressRequired: false,
        },
      ],
    },

    // ─────────────────────────────────────────────────────────── Educação
    {
      name: 'Educação',
      description: 'Vagas em creche, matrícula na rede municipal e transporte escolar gratuito.',
      informations: [
        {
          title: 'Vaga em creche (CEI): inscrição e lista de espera',
          body: `<p>Crianças de <strong>0 a 3 anos e 11 meses</strong> podem ser inscritas para vaga em creche (Centro de Educação Infantil – CEI) em qualquer época do ano. A vaga é oferecida, sempre que possível, em unidade próxima da residência.</p>
<p>A ordem da lista de espera considera a data da inscrição e critérios de prioridade previstos em lei, como criança com deficiência, família beneficiária de programa social e medida protetiva.</p>
<p>Manter endereço e telefone atualizados é essencial: a convocação é feita por telefone e SMS, e a família tem prazo para efetivar a matrícula.</p>`,
          proposedSolution: `<p>Registramos a inscrição da criança na lista de espera por vaga em creche da Secretaria Municipal de Educação.</p>
<ol>
<li>Em até 30 dias, a Diretoria Regional de Educação confirma a inscrição e informa a posição na lista.</li>
<li>Ao ser convocada, a família tem <strong>5 dias úteis</strong> para comparecer à unidade com: certidão de nascimento da criança, documento com foto e CPF do responsável, comprovante de endereço e carteira de vacinação.</li>
<li>Acompanhe a posição em <a href="https://prefeitura.example.gov.br/vagas">prefeitura.example.gov.br/vagas</a>.</li>
<li>Mudou de endereço ou telefone? Ligue para o 156 e peça a atualização.</li>
</ol>`,
          keywords: ['creche', 'vaga', 'cei', 'educação infantil', 'lista de espera'],
          requestTypes: ['Vaga em creche'],
        },
        {
          title: 'Matrícula na pré-escola e no ensino fundamental',
          body: `<p>A matrícula de crianças de 4 e 5 anos na pré-escola (EMEI) e de alunos do ensino fundamental (EMEF) é <strong>garantida</strong> na rede pública. O período principal de inscrições acontece no segundo semestre, para o ano letivo seguinte.</p>
<p>Fora desse período, a matrícula e a transferência entre escolas podem ser pedidas diretamente na escola mais próxima ou na Diretoria Regional de Educação.</p>`,
          proposedSolution: `<ul>
<li>Procure a escola municipal mais próxima da residência ou faça a inscrição em <a href="https://prefeitura.example.gov.br/matricula">prefeitura.example.gov.br/matricula</a>.</li>
<li>Documentos: certidão de nascimento ou RG do aluno, CPF, documento do responsável, comprovante de endereço e carteira de vacinação.</li>
<li>Na transferência, leve também a declaração de transferência da escola anterior.</li>
<li>A escola informa a turma e o horário em até 10 dias úteis.</li>
</ul>`,
          keywords: ['matrícula', 'escola', 'emei', 'ensino fundamental', 'transferência'],
        },
        {
          title: 'Transporte escolar gratuito',
          body: `<p>O <strong>Transporte Escolar Gratuito (TEG)</strong> atende alunos da rede municipal que moram a mais de 2 km da escola, quando não há vaga em unidade mais próxima, e alunos com deficiência ou mobilidade reduzida, independentemente da distância.</p>
<p>O pedido é feito pela escola; a Diretoria Regional analisa e define o roteiro do veículo.</p>`,
          proposedSolution: `<ol>
<li>Procure a secretaria da escola em que o aluno está matriculado e peça a inclusão no TEG.</li>
<li>Leve comprovante de endereço e, para aluno com deficiência, laudo ou relatório médico.</li>
<li>A resposta sai em até 15 dias úteis.</li>
<li>Reclamações sobre o veículo ou o condutor do TEG podem ser registradas pela Central 156.</li>
</ol>`,
          keywords: ['transporte escolar', 'teg', 'aluno', 'distância'],
        },
      ],
      requestTypes: [
        {
          name: 'Vaga em creche',
          description: 'Inscrição de criança de 0 a 3 anos e 11 meses na lista de espera por vaga em creche municipal.',
          organKey: 'sme',
          formSchema: {
            type: 'object',
            properties: {
              nomeCrianca: {
                type: 'string',
                title: 'Nome completo da criança',
                maxLength: 150,
              },
              dataNascimento: {
                type: 'string',
                format: 'date',
                title: 'Data de nascimento da criança',
                description: 'Creche atende crianças de 0 a 3 anos e 11 meses.',
              },
              parentesco: {
                type: 'string',
                title: 'Parentesco do solicitante',
                enum: ['Mãe', 'Pai', 'Avó ou avô', 'Responsável legal (guarda ou tutela)', 'Outro'],
                'x-widget': 'select',
              },
              periodoPreferido: {
                type: 'string',
                title: 'Período desejado',
                enum: ['Integral', 'Parcial – manhã', 'Parcial – tarde'],
                'x-widget': 'radio',
              },
              unidadePreferida: {
                type: 'string',
                title: 'Creche de preferência',
                maxLength: 150,
                'x-help': 'Opcional. A vaga será oferecida o mais perto possível da residência.',
              },
              criancaComDeficiencia: {
                type: 'boolean',
                title: 'Criança com deficiência ou transtorno do desenvolvimento?',
                description: 'Critério de prioridade; o laudo será pedido na matrícula.',
              },
              beneficiarioProgramaSocial: {
                type: 'boolean',
                title: 'Família beneficiária de programa social (ex.: Bolsa Família)?',
              },
              numeroCertidao: {
                type: 'string',
                title: 'Matrícula da certidão de nascimento',
                maxLength: 40,
                'x-placeholder': '32 dígitos, na certidão',
              },
            },
            required: ['nomeCrianca', 'dataNascimento', 'parentesco', 'periodoPreferido'],
          },
          operatorGuidance: `<p>Confirme a data de nascimento: crianças com 4 anos ou mais vão para a pré-escola (EMEI), que é outro procedimento.</p>
<ul>
<li>O endereço do bloco de endereço deve ser o da <strong>residência da criança</strong>: é ele que define a região da vaga.</li>
<li><strong>Não prometa vaga nem prazo de convocação</strong>; informe apenas que a inscrição é confirmada em até 30 dias.</li>
<li>Só o responsável legal pode inscrever; se quem liga é outro parente, registre o parentesco.</li>
<li>Decisão judicial de vaga: oriente a família a apresentá-la diretamente na Diretoria Regional de Educação.</li>
</ul>`,
          slaHours: 720,
          restartWindowHours: null,
          groupByAddress: false,
          addressRequired: true,
        },
      ],
    },

    // ─────────────────────────────────────────────────────────── Tributos e IPTU
    {
      name: 'Tributos e IPTU',
      description: 'IPTU, segunda via de boletos, isenções, parcelamento de débitos e cadastro imobiliário.',
      informations: [
        {
          title: 'Segunda via do IPTU',
          published: true,
          body: `<p>A segunda via do IPTU pode ser emitida a qualquer momento pelo portal da Prefeitura, com o <strong>número do contribuinte</strong> (inscrição imobiliária), que aparece no carnê, em boletos anteriores e na escritura do imóvel.</p>
<p>É possível emitir a cota única, uma parcela específica ou todas as parcelas em aberto. Boletos vencidos são recalculados com multa e juros até a nova data de pagamento.</p>
<p>O pagamento pode ser feito em bancos, lotéricas, aplicativos bancários ou por <strong>PIX</strong>, pelo QR Code impresso no boleto.</p>`,
          proposedSolution: `<ol>
<li>Acesse <a href="https://prefeitura.example.gov.br/iptu">prefeitura.example.gov.br/iptu</a> e clique em <strong>Segunda via</strong>.</li>
<li>Informe o número do contribuinte e o ano (exercício).</li>
<li>Escolha cota única, parcela específica ou todas as parcelas e imprima ou copie o código do PIX.</li>
</ol>
<p>Se preferir, registramos agora o pedido e o boleto é enviado para o seu e-mail em até 24 horas. Sem o número do contribuinte, procure uma Praça de Atendimento com documento com foto e a escritura ou o contrato do imóvel.</p>`,
          keywords: ['iptu', 'segunda via', 'boleto', 'carnê', 'inscrição imobiliária'],
          requestTypes: ['Segunda via de IPTU'],
        },
        {
          title: 'Isenção e desconto de IPTU para aposentados e pensionistas',
          published: true,
          body: `<p>Aposentados, pensionistas e beneficiários de prestação continuada (BPC) podem ter <strong>isenção ou desconto</strong> no IPTU, conforme os critérios da legislação municipal vigente:</p>
<ul>
<li>ser proprietário de um <strong>único imóvel</strong> no município e morar nele;</li>
<li>ter renda mensal dentro do limite definido em lei;</li>
<li>o imóvel estar dentro do limite de valor venal fixado para o ano.</li>
</ul>
<p>O benefício deve ser pedido dentro do prazo anual e, em alguns casos, renovado periodicamente.</p>`,
          proposedSolution: `<ol>
<li>Faça o pedido em <a href="https://prefeitura.example.gov.br/iptu/isencao">prefeitura.example.gov.br/iptu/isencao</a> ou em uma Praça de Atendimento.</li>
<li>Documentos: documento com foto e CPF, comprovante de aposentadoria ou pensão com o valor do benefício, comprovante de renda de todas as fontes, e escritura ou contrato do imóvel.</li>
<li>O resultado é publicado no portal em até 60 dias. Enquanto o pedido é analisado, o boleto continua válido: pague a parcela para evitar multa; se o benefício for concedido, o valor pago é restituído ou compensado.</li>
</ol>`,
          keywords: ['iptu', 'isenção', 'aposentado', 'pensionista', 'desconto'],
        },
        {
          title: 'Parcelamento de débitos e dívida ativa',
          body: `<p>Tributos não pagos no prazo são inscritos em <strong>dívida ativa</strong> e podem gerar protesto em cartório e cobrança judicial. Débitos de IPTU, ISS e taxas municipais podem ser parcelados.</p>
<p>Periodicamente a Prefeitura abre programas de regularização com redução de multa e juros; quando houver, o aviso aparece no quadro de avisos.</p>`,
          proposedSolution: `<ul>
<li>Simule e faça o parcelamento em <a href="https://prefeitura.example.gov.br/divida-ativa">prefeitura.example.gov.br/divida-ativa</a>, com o número do contribuinte ou CPF/CNPJ.</li>
<li>O pagamento da primeira parcela efetiva o acordo; atrasar 3 parcelas cancela o parcelamento.</li>
<li>Débitos protestados: após quitar ou parcelar, a Prefeitura autoriza o cancelamento do protesto em até 5 dias úteis; as custas do cartório são pagas pelo contribuinte.</li>
<li>Débitos em execução judicial devem ser negociados com a Procuradoria, em atendimento presencial agendado.</li>
</ul>`,
          keywords: ['parcelamento', 'dívida ativa', 'débito', 'iptu', 'negociação'],
        },
        {
          title: 'Atualização cadastral do imóvel e mudança de proprietário',
          body: `<p>Quem compra um imóvel deve atualizar o cadastro imobiliário para que o IPTU passe a ser emitido em seu nome. A atualização é feita depois do registro da escritura e do pagamento do ITBI (imposto sobre a transmissão).</p>
<p>Também devem ser comunicadas ampliações, demolições e mudança de uso (residencial para comercial), que alteram o valor do imposto.</p>`,
          proposedSolution: `<ol>
<li>Acesse <a href="https://prefeitura.example.gov.br/cadastro-imobiliario">prefeitura.example.gov.br/cadastro-imobiliario</a> e escolha <strong>Alteração de proprietário</strong>.</li>
<li>Anexe: matrícula atualizada do imóvel (certidão do cartório), documento com foto e CPF do novo proprietário e comprovante de pagamento do ITBI.</li>
<li>Prazo de análise: até 30 dias. O IPTU do ano seguinte já sai em nome do novo proprietário.</li>
</ol>
<p>Atenção: débitos anteriores acompanham o imóvel, mesmo após a venda.</p>`,
          keywords: ['cadastro imobiliário', 'proprietário', 'escritura', 'iptu', 'atualização'],
        },
      ],
      requestTypes: [
        {
          name: 'Segunda via de IPTU',
          description: 'Envio por e-mail do boleto de IPTU (cota única, parcela ou parcelas em aberto).',
          organKey: 'sf',
          formSchema: {
            type: 'object',
            properties: {
              numeroContribuinte: {
                type: 'string',
                title: 'Número do contribuinte',
                maxLength: 20,
                'x-placeholder': '000.000.0000-0',
                'x-help': 'Inscrição imobiliária, no carnê, em boletos anteriores ou na escritura.',
              },
              exercicio: {
                type: 'integer',
                title: 'Ano (exercício)',
                minimum: 2015,
                maximum: 2035,
              },
              tipoEmissao: {
                type: 'string',
                title: 'O que emitir',
                enum: ['Cota única', 'Parcela específica', 'Todas as parcelas em aberto'],
                'x-widget': 'radio',
              },
              numeroParcela: {
                type: 'integer',
                title: 'Número da parcela',
                minimum: 1,
                maximum: 10,
                description: 'Preencha se escolheu parcela específica.',
              },
              emailEnvio: {
                type: 'string',
                format: 'email',
                title: 'E-mail para envio do boleto',
                maxLength: 120,
                'x-placeholder': 'nome@exemplo.com.br',
              },
            },
            required: ['numeroContribuinte', 'exercicio', 'tipoEmissao', 'emailEnvio'],
          },
          operatorGuidance: `<p>Antes de registrar, ofereça a emissão imediata pelo portal: é mais rápida. Registre se o cidadão não tiver acesso à internet ou preferir receber por e-mail.</p>
<ul>
<li>Confirme o e-mail soletrando-o de volta ao cidadão.</li>
<li>O atendente <strong>não</strong> informa valores de débitos nem dados de imóveis de terceiros: a segunda via é enviada só para o e-mail informado.</li>
<li>Não prometa retirada de multa ou juros; para isso, oriente parcelamento ou programa de regularização.</li>
<li>Se o portal do IPTU estiver instável (veja o quadro de ocorrências), registre e informe o prazo de 24 horas.</li>
</ul>`,
          slaHours: 24,
          restartWindowHours: null,
          groupByAddress: false,
          addressRequired: false,
        },
      ],
    },

    // ─────────────────────────────────────────────────────────── Meio ambiente
    {
      name: 'Meio ambiente',
      description: 'Proteção animal, castração, poluição sonora e manejo de árvores em imóveis particulares.',
      informations: [
        {
          title: 'Castração gratuita de cães e gatos',
          published: true,
          body: `<p>A Prefeitura oferece <strong>castração gratuita</strong> de cães e gatos, machos e fêmeas, a partir de 4 meses de idade e em boas condições de saúde. A cirurgia é feita em centros de castração fixos e em unidades móveis que circulam pelos bairros.</p>
<p>O tutor deve ser maior de 18 anos e morar no município. Protetores independentes e animais comunitários têm cota própria de vagas.</p>
<p>No dia da cirurgia: gatos em caixa de transporte (um por caixa) e cães com coleira e guia; jejum conforme a orientação enviada no agendamento (em geral, 12 horas sem comida e 6 horas sem água).</p>`,
          proposedSolution: `<p>Registramos o pedido de agendamento de castração para a SVMA.</p>
<ol>
<li>Em até 15 dias você recebe por SMS ou e-mail a data, o horário e o local da cirurgia.</li>
<li>Leve documento com foto, CPF e comprovante de endereço do tutor.</li>
<li>Siga o jejum indicado no agendamento; animais sem jejum não são operados.</li>
<li>Fêmeas no cio, prenhes ou animais doentes podem ter a cirurgia remarcada pelo veterinário.</li>
</ol>`,
          keywords: ['castração', 'cão', 'gato', 'animal', 'esterilização'],
          requestTypes: ['Agendamento de castração animal'],
        },
        {
          title: 'Poluição sonora e perturbação do sossego',
          body: `<p>A fiscalização municipal de ruído atua sobre <strong>estabelecimentos</strong>: bares, restaurantes, casas noturnas, templos, comércios, indústrias e obras. A equipe faz a medição com decibelímetro a partir do imóvel de quem reclama e aplica multa e até interdição se o limite da zona for ultrapassado.</p>
<p>Barulho vindo de <strong>residências</strong> (festas, som de vizinho) e de carros com som alto na rua é caso de <strong>perturbação do sossego</strong>, atendido pela Polícia Militar pelo <strong>190</strong> no momento em que acontece.</p>
<p>Em condomínios, o regulamento interno e o síndico são o primeiro caminho.</p>`,
          proposedSolution: `<ul>
<li><strong>Estabelecimento ou obra:</strong> registramos a solicitação de fiscalização de som alto. A vistoria é feita em até 72 horas, preferencialmente no dia e horário em que o barulho acontece.</li>
<li><strong>Vizinho, festa em residência ou carro de som:</strong> ligue para o <strong>190</strong> enquanto o barulho estiver acontecendo.</li>
<li>Obras só podem gerar ruído em dias úteis, em horário comercial, salvo autorização especial.</li>
</ul>`,
          keywords: ['barulho', 'som alto', 'psiu', 'perturbação do sossego', 'ruído'],
          requestTypes: ['Fiscalização de som alto (perturbação do sossego)'],
        },
        {
          title: 'Maus-tratos a animais: como denunciar',
          body: `<p>Maus-tratos a animais são <strong>crime</strong> (Lei Federal nº 9.605/1998, art. 32), com pena maior quando a vítima é cão ou gato. São exemplos: abandono, agressão, manter o animal sem água, comida ou abrigo, acorrentado permanentemente ou em local sem higiene.</p>
<p>Em situação de <strong>flagrante</strong> (agressão acontecendo agora), o caminho é a Polícia Militar, pelo 190. Nos demais casos, a denúncia é encaminhada à SVMA, que faz vistoria e pode notificar o tutor e acionar a polícia.</p>`,
          proposedSolution: `<ul>
<li>Agressão acontecendo agora: ligue para o <strong>190</strong>.</li>
<li>Demais casos: a denúncia é encaminhada à SVMA, que vistoria o local em até 10 dias. Fotos e vídeos ajudam e podem ser enviados para <a href="mailto:svma@prefeitura.example.gov.br">svma@prefeitura.example.gov.br</a> informando o número do protocolo.</li>
<li>A denúncia pode ser anônima pela Ouvidoria; a identidade de quem denuncia é mantida em sigilo.</li>
<li>Também é possível registrar boletim de ocorrência na delegacia ou na delegacia eletrônica.</li>
</ul>`,
          keywords: ['maus-tratos', 'animal', 'denúncia', 'abandono'],
        },
        {
          title: 'Corte ou poda de árvore em imóvel particular',
          body: `<p>Árvores dentro de imóveis particulares (quintais, jardins, condomínios) são responsabilidade do proprietário, mas o <strong>corte</strong> e a poda drástica dependem de <strong>autorização da SVMA</strong>, mesmo em terreno próprio.</p>
<p>O corte sem autorização é infração ambiental sujeita a multa. Em alguns casos a autorização exige o plantio de mudas como compensação.</p>
<p>Árvores em calçadas e praças são podadas pela Prefeitura: veja <em>Poda e remoção de árvores em calçadas e praças</em>, em Zeladoria urbana.</p>`,
          proposedSolution: `<ol>
<li>Peça a autorização em <a href="https://prefeitura.example.gov.br/manejo-arboreo">prefeitura.example.gov.br/manejo-arboreo</a>.</li>
<li>Anexe: documento do proprietário, comprovante de propriedade ou autorização do proprietário, fotos da árvore e, se houver, laudo de profissional habilitado.</li>
<li>Prazo de análise: até 30 dias. Em caso de risco iminente de queda, ligue para a Defesa Civil (199).</li>
<li>Com a autorização, o serviço pode ser feito por empresa ou profissional contratado pelo proprietário.</li>
</ol>`,
          keywords: ['árvore', 'corte', 'autorização', 'imóvel particular', 'manejo'],
        },
      ],
      requestTypes: [
        {
          name: 'Agendamento de castração animal',
          description: 'Pedido de castração gratuita de cão ou gato em centro de castração ou unidade móvel.',
          organKey: 'svma',
          formSchema: {
            type: 'object',
            properties: {
              especie: {
                type: 'string',
                title: 'Espécie',
                enum: ['Cão', 'Gato'],
                'x-widget': 'radio',
              },
              sexo: {
                type: 'string',
                title: 'Sexo do animal',
                enum: ['Macho', 'Fêmea'],
                'x-widget': 'radio',
              },
              nomeAnimal: {
                type: 'string',
                title: 'Nome do animal',
                maxLength: 60,
              },
              idadeAnos: {
                type: 'integer',
                title: 'Idade aproximada (anos)',
                minimum: 0,
                maximum: 15,
                description: 'Para filhotes com menos de 1 ano, informe 0 (idade mínima: 4 meses).',
              },
              pesoKg: {
                type: 'number',
                title: 'Peso aproximado (kg)',
                minimum: 1,
                maximum: 80,
              },
              animalComunitario: {
                type: 'boolean',
                title: 'É animal comunitário ou resgatado?',
              },
              dataPreferencial: {
                type: 'string',
                format: 'date',
                title: 'Data preferencial',
                'x-help': 'A data final depende da agenda do centro de castração.',
              },
            },
            required: ['especie', 'sexo', 'idadeAnos'],
          },
          operatorGuidance: `<p>Confirme espécie, sexo, idade e peso aproximados. Animais com menos de 4 meses não podem ser agendados.</p>
<ul>
<li>O endereço é o do <strong>tutor</strong>: define o centro de castração ou a unidade móvel mais próxima.</li>
<li><strong>Não confirme data:</strong> ela é enviada pela SVMA em até 15 dias.</li>
<li>Protetores com vários animais: registre um protocolo por animal.</li>
<li>Animal doente ou ferido não é caso de castração: oriente procurar o hospital veterinário público.</li>
</ul>`,
          slaHours: 360,
          restartWindowHours: null,
          groupByAddress: false,
          addressRequired: true,
        },
        {
          name: 'Fiscalização de som alto (perturbação do sossego)',
          description: 'Ruído excessivo de bares, casas noturnas, templos, comércios, indústrias ou obras.',
          organKey: 'smsub',
          formSchema: {
            type: 'object',
            properties: {
              tipoFonte: {
                type: 'string',
                title: 'Origem do barulho',
                enum: [
                  'Bar, restaurante ou casa noturna',
                  'Templo ou igreja',
                  'Comércio ou indústria',
                  'Obra ou construção',
                  'Evento em espaço público',
                ],
                'x-widget': 'select',
              },
              nomeEstabelecimento: {
                type: 'string',
                title: 'Nome do estabelecimento',
                maxLength: 150,
                'x-placeholder': 'Ex.: Bar do Zé',
              },
              horario: {
                type: 'string',
                title: 'Horário do barulho',
                enum: ['Manhã (6h às 12h)', 'Tarde (12h às 18h)', 'Noite (18h às 22h)', 'Madrugada (22h às 6h)'],
                'x-widget': 'radio',
              },
              frequencia: {
                type: 'string',
                title: 'Frequência',
                enum: ['Todos os dias', 'Só nos fins de semana', 'Ocasionalmente'],
                'x-widget': 'radio',
              },
              descricao: {
                type: 'string',
                title: 'Descrição',
                maxLength: 1000,
                'x-widget': 'textarea',
                'x-help': 'Tipo de som (música ao vivo, caixas de som, máquinas), dias da semana e desde quando acontece.',
              },
            },
            required: ['tipoFonte', 'horario', 'frequencia'],
          },
          operatorGuidance: `<p><strong>Residência, festa de vizinho ou carro de som:</strong> não registre aqui; oriente ligar para o <strong>190</strong> enquanto o barulho acontece.</p>
<ul>
<li>Registre o endereço do <strong>estabelecimento</strong>, não o de quem reclama; o endereço do reclamante fica no cadastro do cidadão, para a medição.</li>
<li>O denunciante pode pedir sigilo: não repasse o nome dele ao estabelecimento.</li>
<li>Não prometa fechamento do local nem multa; a fiscalização mede o ruído e aplica o que a lei prevê.</li>
</ul>`,
          slaHours: 72,
          restartWindowHours: 24,
          groupByAddress: true,
          addressRequired: true,
        },
      ],
    },

    // ─────────────────────────────────────────────────────────── Zeladoria urbana
    {
      name: 'Zeladoria urbana',
      description: 'Buracos e asfalto, calçadas, poda de árvores em vias públicas, bocas de lobo e terrenos com mato alto.',
      informations: [
        {
          title: 'Buraco na via e operação tapa-buraco',
          published: true,
          body: `<p>Os buracos em ruas e avenidas são fechados pela operação <strong>tapa-buraco</strong> das subprefeituras. Depressões grandes, afundamentos e erosões que exigem obra são avaliados pela SIURB.</p>
<p>Buracos abertos por concessionárias (água, gás, telefonia) para obras devem ser recompostos pela própria empresa; a Prefeitura notifica e fiscaliza.</p>
<p>Quem teve o veículo danificado por buraco pode pedir ressarcimento por processo administrativo, com fotos, orçamentos e boletim de ocorrência.</p>`,
          proposedSolution: `<p>Registramos o buraco para a subprefeitura da região.</p>
<ul>
<li><strong>Prazo:</strong> até 7 dias para o reparo. Em dias de chuva forte, o serviço pode ser adiado.</li>
<li>Se o buraco oferece risco imediato (muito fundo, em curva ou em corredor de ônibus), a equipe sinaliza o local antes do reparo.</li>
<li>Para pedir ressarcimento de danos ao veículo, protocole o pedido em <a href="https://prefeitura.example.gov.br/ressarcimento">prefeitura.example.gov.br/ressarcimento</a> com fotos do local e do dano, 3 orçamentos, documento do veículo e boletim de ocorrência.</li>
</ul>`,
          keywords: ['buraco', 'asfalto', 'tapa-buraco', 'pavimento', 'rua'],
          requestTypes: ['Buraco na via'],
        },
        {
          title: 'Poda e remoção de árvores em calçadas e praças',
          body: `<p>Árvores plantadas em <strong>calçadas, canteiros e praças</strong> são mantidas pela subprefeitura. A poda é feita para desobstruir fiação, sinalização e iluminação, ou para retirar galhos secos; a remoção, só quando a árvore está morta, doente ou com risco de queda comprovado em vistoria técnica.</p>
<p>Galhos em contato com a rede elétrica de média e alta tensão são podados em conjunto com a concessionária de energia, o que pode aumentar o prazo.</p>
<p>Árvore caída ou com risco iminente de queda é emergência: <strong>Defesa Civil (199)</strong> ou <strong>Bombeiros (193)</strong>.</p>`,
          proposedSolution: `<ul>
<li>Registramos a solicitação de poda para a subprefeitura. A vistoria técnica acontece em até 30 dias; a execução segue o cronograma de poda da região.</li>
<li>Se a árvore ameaça cair agora, sobre casa, fiação ou via, ligue imediatamente para o <strong>199</strong> ou <strong>193</strong>.</li>
<li>Galhos caídos após a poda ou tempestade são recolhidos pela própria equipe; se ficarem na rua por mais de 3 dias, ligue para o 156.</li>
<li>Não pode podar por conta própria árvore de calçada: é infração ambiental.</li>
</ul>`,
          keywords: ['poda', 'árvore', 'galho', 'queda de árvore', 'remoção'],
          requestTypes: ['Poda de árvore'],
        },
        {
          title: 'Calçadas: quem é responsável pela conservação',
          body: `<p>A construção e a conservação da <strong>calçada</strong> em frente a um imóvel são responsabilidade do <strong>proprietário</strong>, seguindo as regras de acessibilidade: piso regular, antiderrapante, sem degraus e com faixa livre para pedestres e cadeiras de rodas.</p>
<p>A Prefeitura fiscaliza e pode notificar o proprietário, que tem prazo para a reforma; se não cumprir, pode ser multado. Calçadas de praças, escolas e prédios públicos são consertadas pela própria Prefeitura.</p>
<p>Calçada quebrada por raiz de árvore pública ou por obra de concessionária também deve ser informada, pois o reparo cabe ao órgão responsável.</p>`,
          proposedSolution: `<ul>
<li>Calçada de imóvel particular em mau estado: registramos pedido de fiscalização para a subprefeitura, que vistoria em até 30 dias e notifica o proprietário.</li>
<li>Calçada quebrada por raiz de árvore da calçada: registramos a vistoria e a poda de raízes pela subprefeitura.</li>
<li>Quer reformar a sua calçada? Consulte o guia de padrões em <a href="https://prefeitura.example.gov.br/calcadas">prefeitura.example.gov.br/calcadas</a>; a reforma dentro do padrão não precisa de alvará.</li>
</ul>`,
          keywords: ['calçada', 'passeio', 'acessibilidade', 'proprietário'],
        },
        {
          title: 'Boca de lobo entupida e alagamentos',
          published: true,
          body: `<p>Bocas de lobo e bueiros entupidos por lixo, folhas e terra são a principal causa de alagamentos localizados. A limpeza preventiva é intensificada antes da temporada de chuvas.</p>
<p>Jogar lixo na rua e varrer folhas para a sarjeta agravam o problema. Grelhas quebradas ou tampas ausentes são risco de queda para pedestres e devem ser informadas com urgência.</p>
<p>Em alagamento com pessoas ilhadas, risco de desabamento ou deslizamento de terra, o atendimento é da <strong>Defesa Civil (199)</strong>.</p>`,
          proposedSolution: `<ul>
<li>Registramos a limpeza da boca de lobo para a SIURB, com prazo de até 7 dias.</li>
<li>Grelha quebrada ou tampa ausente: o local é sinalizado em até 48 horas e a peça substituída em seguida.</li>
<li>Durante alagamento, não entre na água, não atravesse ruas alagadas de carro e ligue para a Defesa Civil (199) em caso de risco.</li>
</ul>`,
          keywords: ['boca de lobo', 'bueiro', 'alagamento', 'galeria', 'drenagem'],
          requestTypes: ['Limpeza de boca de lobo'],
        },
        {
          title: 'Terreno baldio com mato alto ou lixo',
          body: `<p>A limpeza de <strong>terrenos particulares</strong> é obrigação do proprietário, que deve mantê-los roçados, sem lixo e murados ou cercados. A subprefeitura fiscaliza, notifica e pode multar; em caso de descumprimento, pode fazer a limpeza e cobrar o custo do proprietário.</p>
<p>Áreas públicas (praças, canteiros, margens de córregos) são roçadas pela própria Prefeitura em ciclos periódicos.</p>`,
          proposedSolution: `<ul>
<li>Registramos a fiscalização do terreno para a subprefeitura. A vistoria ocorre em até 30 dias; o proprietário notificado tem prazo para limpar.</li>
<li>Se houver água parada ou suspeita de criadouro do mosquito da dengue, registramos também a denúncia de foco de dengue.</li>
<li>Presença de ratos, escorpiões ou animais peçonhentos: informe no protocolo, pois a vigilância em saúde é acionada.</li>
</ul>`,
          keywords: ['terreno baldio', 'mato alto', 'roçagem', 'limpeza de terreno'],
        },
      ],
      requestTypes: [
        {
          name: 'Buraco na via',
          description: 'Buraco, afundamento ou erosão no asfalto de rua ou avenida.',
          organKey: 'smsub',
          formSchema: {
            type: 'object',
            properties: {
              tamanho: {
                type: 'string',
                title: 'Tamanho aproximado',
                enum: ['Pequeno (até 30 cm)', 'Médio (30 cm a 1 m)', 'Grande (mais de 1 m)'],
                'x-widget': 'radio',
              },
              localNaVia: {
                type: 'string',
                title: 'Posição na via',
                enum: ['No meio da pista', 'Junto à guia (sarjeta)', 'Na faixa de pedestres', 'Em ponto ou corredor de ônibus'],
                'x-widget': 'select',
              },
              quantidade: {
                type: 'integer',
                title: 'Quantidade de buracos no trecho',
                minimum: 1,
                maximum: 20,
              },
              riscoImediato: {
                type: 'boolean',
                title: 'Há risco imediato de acidente?',
                'x-help': 'Buraco muito fundo, em curva, em descida ou sem sinalização.',
              },
              pontoReferencia: {
                type: 'string',
                title: 'Ponto de referência',
                maxLength: 200,
                'x-placeholder': 'Ex.: em frente ao nº 1200, perto do mercado',
              },
            },
            required: ['tamanho', 'localNaVia'],
          },
          operatorGuidance: `<p>Peça o número do imóvel mais próximo ou um ponto de referência: o endereço define a subprefeitura responsável.</p>
<ul>
<li>O sistema agrupa os buracos do mesmo endereço: se já existe protocolo aberto, informe o número ao cidadão.</li>
<li>Buraco deixado por obra de concessionária (água, gás): registre e anote na descrição o nome da empresa, se houver placa no local.</li>
<li>Afundamento grande, cratera ou erosão com risco a imóveis: avise o supervisor e oriente a Defesa Civil (199).</li>
<li>Não prometa data exata de reparo; o prazo é de até 7 dias.</li>
</ul>`,
          slaHours: 168,
          restartWindowHours: 72,
          groupByAddress: true,
          addressRequired: true,
        },
        {
          name: 'Poda de árvore',
          description: 'Poda, remoção de galhos ou avaliação de risco de árvore em calçada, canteiro ou praça.',
          organKey: 'smsub',
          formSchema: {
            type: 'object',
            properties: {
              tipoServico: {
                type: 'string',
                title: 'Serviço solicitado',
                enum: [
                  'Poda de galhos',
                  'Remoção de árvore morta ou doente',
                  'Recolhimento de galhos caídos',
                  'Avaliação de risco de queda',
                ],
                'x-widget': 'select',
              },
              localArvore: {
                type: 'string',
                title: 'Onde está a árvore',
                enum: ['Calçada', 'Canteiro central', 'Praça ou área verde'],
                'x-widget': 'radio',
              },
              encostaNaFiacao: {
                type: 'boolean',
                title: 'Os galhos encostam na fiação elétrica?',
              },
              encobreIluminacao: {
                type: 'boolean',
                title: 'A copa encobre iluminação ou placas de trânsito?',
              },
              alturaEstimada: {
                type: 'number',
                title: 'Altura aproximada (metros)',
                minimum: 1,
                maximum: 40,
              },
              descricao: {
                type: 'string',
                title: 'Descrição',
                maxLength: 1000,
                'x-widget': 'textarea',
                'x-placeholder': 'Ex.: galho seco grande pendurado sobre a calçada, em frente à escola',
              },
            },
            required: ['tipoServico', 'localArvore'],
          },
          operatorGuidance: `<p><strong>Risco de queda agora</strong> (árvore inclinando, rachada, sobre fiação ou casa): oriente ligar para a Defesa Civil (199) ou Bombeiros (193) e avise o supervisor.</p>
<ul>
<li>Árvore dentro de imóvel particular não é este serviço: o proprietário precisa de autorização da SVMA (veja Meio ambiente).</li>
<li>Não prometa remoção: ela depende de laudo da vistoria técnica.</li>
<li>Prazo: vistoria em até 30 dias; a poda segue o cronograma da subprefeitura.</li>
<li>Se a árvore encobre a iluminação, registre também a <em>Lâmpada apagada</em> caso a luminária esteja com defeito.</li>
</ul>`,
          slaHours: 720,
          restartWindowHours: 72,
          groupByAddress: true,
          addressRequired: true,
        },
        {
          name: 'Limpeza de boca de lobo',
          description: 'Boca de lobo ou bueiro entupido, grelha quebrada ou tampa ausente.',
          organKey: 'siurb',
          formSchema: {
            type: 'object',
            properties: {
              situacao: {
                type: 'string',
                title: 'Situação',
                enum: [
                  'Entupida com lixo ou terra',
                  'Grelha quebrada ou tampa ausente',
                  'Causa alagamento quando chove',
                  'Mau cheiro ou retorno de esgoto',
                ],
                'x-widget': 'radio',
              },
              quantidade: {
                type: 'integer',
                title: 'Quantidade de bocas de lobo',
                minimum: 1,
                maximum: 20,
              },
              riscoPedestres: {
                type: 'boolean',
                title: 'Há risco de queda de pedestres?',
                description: 'Tampa ausente ou grelha quebrada em local de passagem.',
              },
              pontoReferencia: {
                type: 'string',
                title: 'Ponto de referência',
                maxLength: 200,
              },
            },
            required: ['situacao'],
          },
          operatorGuidance: `<p>Pergunte se a boca de lobo está entupida ou danificada e se causa alagamento.</p>
<ul>
<li>Tampa ausente com risco de queda: marque o risco; o local é sinalizado em até 48 horas.</li>
<li><strong>Retorno de esgoto</strong> ou vazamento de água limpa é da companhia de saneamento: informe o telefone que aparece na conta de água.</li>
<li>Alagamento com pessoas ilhadas ou risco de desabamento: Defesa Civil (199).</li>
</ul>`,
          slaHours: 168,
          restartWindowHours: 72,
          groupByAddress: true,
          addressRequired: true,
        },
      ],
    },

    // ─────────────────────────────────────────────────────────── Assistência social
    {
      name: 'Assistência social',
      description: 'CRAS e CREAS, Cadastro Único, benefícios eventuais e abordagem a pessoas em situação de rua.',
      informations: [
        {
          title: 'CRAS e CREAS: o que são e como encontrar o mais próximo',
          body: `<p>O <strong>CRAS</strong> (Centro de Referência de Assistência Social) é a porta de entrada da assistência social: cadastro no CadÚnico, acompanhamento de famílias, benefícios eventuais e encaminhamento para programas sociais.</p>
<p>O <strong>CREAS</strong> (Centro de Referência Especializado) atende famílias e pessoas com direitos violados: violência doméstica, abuso ou exploração de crianças, abandono de idosos, trabalho infantil.</p>
<p>Cada endereço é atendido por um CRAS de referência, definido pelo território.</p>`,
          proposedSolution: `<ul>
<li>Consulte o CRAS do seu endereço em <a href="https://prefeitura.example.gov.br/cras">prefeitura.example.gov.br/cras</a> ou pergunte ao atendente do 156.</li>
<li>Horário: de segunda a sexta, das 8h às 17h. Leve documento com foto e CPF de todos da família e comprovante de endereço.</li>
<li>Violência contra mulher: <strong>180</strong>. Violação de direitos de crianças, idosos e pessoas com deficiência: <strong>Disque 100</strong>. Emergência: <strong>190</strong>.</li>
</ul>`,
          keywords: ['cras', 'creas', 'assistência social', 'vulnerabilidade'],
        },
        {
          title: 'Cesta básica e benefícios eventuais',
          body: `<p>Os <strong>benefícios eventuais</strong> são auxílios temporários para famílias em situação de vulnerabilidade: cesta básica ou cartão-alimentação, auxílio-natalidade, auxílio-funeral e apoio em situações de calamidade (enchentes, incêndios).</p>
<p>A concessão depende de avaliação da equipe técnica do CRAS, que considera a renda, a composição familiar e a situação de emergência. A família é acompanhada e orientada sobre outros programas.</p>`,
          proposedSolution: `<p>Registramos a solicitação de cesta básica para o CRAS de referência do seu endereço.</p>
<ol>
<li>Em até 10 dias, a equipe do CRAS entra em contato para agendar o atendimento (ou visita, se necessário).</li>
<li>Leve ao atendimento: documento com foto e CPF de todos os moradores, comprovante de endereço e comprovantes de renda, se houver.</li>
<li>Em situação de fome imediata, procure diretamente o CRAS, que pode fazer atendimento no mesmo dia.</li>
</ol>`,
          keywords: ['cesta básica', 'benefício eventual', 'alimentação', 'cras', 'auxílio'],
        },
        {
          title: 'Cadastro Único e Bolsa Família',
          body: `<p>O <strong>Cadastro Único (CadÚnico)</strong> reúne as informações das famílias de baixa renda e é exigido para o Bolsa Família, a Tarifa Social de energia, o BPC e diversos programas municipais.</p>
<p>Pode se cadastrar a família com renda mensal de até meio salário mínimo por pessoa. O cadastro deve ser atualizado a cada 2 anos ou sempre que mudar endereço, renda ou composição familiar.</p>
<p>A concessão e o valor do Bolsa Família são definidos pelo Governo Federal; a Prefeitura faz o cadastro.</p>`,
          proposedSolution: `<ol>
<li>Agende o cadastramento ou a atualização no CRAS do seu endereço ou em <a href="https://prefeitura.example.gov.br/cadunico">prefeitura.example.gov.br/cadunico</a>.</li>
<li>O responsável familiar (preferencialmente mulher, com 16 anos ou mais) deve levar CPF ou título de eleitor; para os demais moradores, CPF ou certidão de nascimento.</li>
<li>Leve também comprovante de endereço e, se tiver, comprovantes de renda.</li>
<li>Consulte a situação do benefício no aplicativo do Bolsa Família ou pelo telefone 111 do Ministério responsável.</li>
</ol>`,
          keywords: ['cadastro único', 'cadúnico', 'bolsa família', 'nis', 'benefício'],
        },
        {
          title: 'Pessoa em situação de rua: abordagem social e acolhimento',
          body: `<p>As equipes de <strong>abordagem social</strong> percorrem a cidade oferecendo acolhimento em centros de acolhida, encaminhamento para documentação, saúde e programas de trabalho. O acolhimento é <em>voluntário</em>: ninguém é retirado da rua contra a vontade.</p>
<p>Criança ou adolescente sozinho na rua, idoso debilitado e pessoa aparentemente doente têm prioridade. Em noites frias, a Prefeitura abre vagas emergenciais de acolhimento.</p>`,
          proposedSolution: `<ul>
<li>Registramos a solicitação de abordagem social para a SMADS: a equipe vai ao local em até 4 horas.</li>
<li>Se a pessoa parece precisar de socorro médico (desacordada, ferida, convulsionando), ligue agora para o <strong>192 (SAMU)</strong>.</li>
<li>Criança ou adolescente desacompanhado: informe também o Conselho Tutelar da região.</li>
<li>Para doar roupas, cobertores ou alimentos, procure os pontos de arrecadação indicados no portal da Prefeitura.</li>
</ul>`,
          keywords: ['situação de rua', 'abordagem social', 'acolhimento', 'frio', 'albergue'],
        },
      ],
      requestTypes: [
        {
          name: 'Solicitação de cesta básica / CRAS',
          description: 'Pedido de cesta básica ou de atendimento pelo CRAS para família em situação de vulnerabilidade.',
          organKey: 'smads',
          formSchema: {
            type: 'object',
            properties: {
              pessoasNaFamilia: {
                type: 'integer',
                title: 'Quantas pessoas moram na casa',
                minimum: 1,
                maximum: 20,
              },
              possuiCadUnico: {
                type: 'string',
                title: 'A família está no Cadastro Único?',
                enum: ['Sim', 'Não', 'Não sabe'],
                'x-widget': 'radio',
              },
              nisResponsavel: {
                type: 'string',
                title: 'NIS do responsável familiar',
                maxLength: 11,
                'x-help': 'Número do CadÚnico ou do cartão do Bolsa Família, se souber.',
              },
              rendaFamiliar: {
                type: 'number',
                title: 'Renda familiar mensal aproximada (R$)',
                minimum: 0,
                maximum: 100000,
              },
              publicoPrioritario: {
                type: 'boolean',
                title: 'Há crianças, gestantes, idosos ou pessoas com deficiência na casa?',
              },
              relato: {
                type: 'string',
                title: 'Relato da situação',
                maxLength: 1000,
                'x-widget': 'textarea',
                description: 'Motivo do pedido (desemprego, perda de renda, enchente etc.), em poucas palavras.',
              },
            },
            required: ['pessoasNaFamilia', 'possuiCadUnico'],
          },
          operatorGuidance: `<p>Acolha sem constranger: pergunte só o necessário (quantas pessoas, renda aproximada, se está no CadÚnico).</p>
<ul>
<li><strong>Não prometa a cesta:</strong> a concessão depende de avaliação do CRAS, que entra em contato em até 10 dias.</li>
<li>Se a família relata <strong>fome imediata</strong>, oriente ir hoje ao CRAS de referência e informe o endereço e o horário.</li>
<li>Relato de violência ou criança em risco: oriente 190 ou Disque 100 e avise o supervisor.</li>
<li>O endereço define o CRAS de referência: confirme-o com cuidado.</li>
</ul>`,
          slaHours: 240,
          restartWindowHours: null,
          groupByAddress: false,
          addressRequired: true,
        },
        {
          name: 'Abordagem social a pessoa em situação de rua',
          description: 'Pedido de visita da equipe de abordagem social a pessoa ou família em situação de rua.',
          organKey: 'smads',
          formSchema: {
            type: 'object',
            properties: {
              quantidadePessoas: {
                type: 'integer',
                title: 'Quantidade de pessoas',
                minimum: 1,
                maximum: 50,
              },
              perfil: {
                type: 'string',
                title: 'Perfil',
                enum: [
                  'Adulto sozinho',
                  'Família com crianças',
                  'Criança ou adolescente desacompanhado',
                  'Pessoa idosa',
                  'Pessoa aparentemente doente ou ferida',
                ],
                'x-widget': 'select',
              },
              periodoPermanencia: {
                type: 'string',
                title: 'Quando a pessoa costuma estar no local',
                enum: ['Durante o dia', 'À noite', 'O dia todo'],
                'x-widget': 'radio',
              },
              precisaSocorro: {
                type: 'boolean',
                title: 'Aparenta precisar de socorro médico agora?',
                'x-help': 'Se sim, oriente ligar para o SAMU (192) imediatamente.',
              },
              descricao: {
                type: 'string',
                title: 'Descrição',
                maxLength: 1000,
                'x-widget': 'textarea',
                'x-placeholder': 'Ex.: homem de cerca de 50 anos, sob a marquise da agência bancária, com cobertor azul',
              },
            },
            required: ['quantidadePessoas', 'perfil'],
          },
          operatorGuidance: `<p>Descreva a pessoa de forma respeitosa e objetiva, para que a equipe a localize. Evite termos pejorativos.</p>
<ul>
<li>Socorro médico: 192 antes de registrar. Criança ou adolescente sozinho: avise o supervisor e o Conselho Tutelar.</li>
<li>Explique que o acolhimento é <strong>voluntário</strong>: a equipe oferece ajuda, mas não retira ninguém à força.</li>
<li>Pedidos de "retirada" de pessoas por incômodo não são atendidos como remoção; registre como abordagem social.</li>
</ul>`,
          slaHours: 4,
          restartWindowHours: 24,
          groupByAddress: true,
          addressRequired: true,
        },
      ],
    },

    // ─────────────────────────────────────────────────────────── Atendimento ao cidadão
    {
      name: 'Atendimento ao cidadão',
      description: 'Regras gerais da Central 156: protocolos e prazos, privacidade de dados (LGPD) e Ouvidoria.',
      informations: [
        {
          title: 'Privacidade e proteção de dados pessoais (LGPD)',
          published: true,
          body: `<p>A Central 156 trata dados pessoais com base na <strong>Lei Geral de Proteção de Dados (Lei nº 13.709/2018)</strong>, para executar políticas públicas e prestar o serviço pedido pelo cidadão. As ligações são gravadas para a qualidade e a segurança do atendimento.</p>
<ul>
<li>Pedimos só os dados necessários à solicitação; dados de saúde e de situação social são <strong>sensíveis</strong> e registrados com cuidado redobrado.</li>
<li>O atendente nunca informa dados de um cidadão a outra pessoa, nem confirma se alguém tem cadastro.</li>
<li>Em denúncias, a identidade do denunciante é mantida em sigilo.</li>
</ul>
<p>O cidadão pode pedir acesso, correção ou informação sobre o uso dos seus dados ao Encarregado de Dados da Prefeitura.</p>`,
          proposedSolution: `<p>Para exercer seus direitos sobre dados pessoais (acesso, correção, informação sobre compartilhamento):</p>
<ol>
<li>Envie pedido ao Encarregado de Proteção de Dados: <a href="mailto:encarregado.lgpd@prefeitura.example.gov.br">encarregado.lgpd@prefeitura.example.gov.br</a>, ou pelo formulário em <a href="https://prefeitura.example.gov.br/privacidade">prefeitura.example.gov.br/privacidade</a>.</li>
<li>Informe nome completo, CPF e o que deseja; pode ser pedida confirmação de identidade.</li>
<li>Prazo de resposta: até 15 dias.</li>
</ol>
<p>Dados ligados a protocolos e processos administrativos são guardados pelo prazo exigido por lei, mesmo após o atendimento.</p>`,
          keywords: ['lgpd', 'privacidade', 'dados pessoais', 'consentimento', 'sigilo'],
        },
        {
          title: 'Acompanhamento, reabertura e prazos de protocolos',
          published: true,
          body: `<p>Toda solicitação gera um <strong>número de protocolo</strong>, que o cidadão usa para acompanhar o andamento pelo Portal 156, pelo aplicativo ou pelo telefone 156. O prazo de cada serviço começa a contar no registro.</p>
<p>Se o serviço foi dado como concluído mas o problema voltou ou não foi resolvido, a solicitação pode ser <strong>reaberta</strong> dentro da janela de reinício do serviço (24, 48 ou 72 horas, conforme o tipo). Depois disso, é aberto um novo protocolo.</p>
<p>Quando outro cidadão já registrou o mesmo problema no mesmo endereço, a nova solicitação é vinculada à existente.</p>`,
          proposedSolution: `<ul>
<li>Acompanhe em <a href="https://156.prefeitura.example.gov.br">156.prefeitura.example.gov.br</a>, informando o número do protocolo e o CPF.</li>
<li>Se o prazo venceu sem atendimento, ligue para o 156: o atendente registra a cobrança ao órgão responsável.</li>
<li>Se o serviço foi concluído mas o problema continua, ligue dentro da janela de reinício informada no protocolo para reabrir a solicitação.</li>
<li>Se a resposta não foi satisfatória, você pode recorrer à Ouvidoria Geral do Município.</li>
</ul>`,
          keywords: ['protocolo', 'acompanhamento', 'prazo', 'reabertura', 'andamento'],
        },
        {
          title: 'Ouvidoria Geral do Município: quando encaminhar',
          body: `<p>A <strong>Ouvidoria</strong> recebe reclamações sobre serviços não resolvidos pelos canais comuns, denúncias de irregularidades (corrupção, assédio, mau uso de recursos públicos), sugestões e elogios a servidores.</p>
<p>Ela <em>não</em> substitui o 156: o cidadão deve primeiro ter um protocolo de serviço. A Ouvidoria entra quando o prazo venceu, a resposta foi insatisfatória ou o assunto envolve conduta de agente público.</p>
<blockquote>Denúncias podem ser anônimas. Sem identificação, porém, o cidadão não recebe a resposta e não pode complementar as informações.</blockquote>`,
          proposedSolution: `<ol>
<li>Registre a manifestação em <a href="https://prefeitura.example.gov.br/ouvidoria">prefeitura.example.gov.br/ouvidoria</a> ou peça ao atendente do 156 a transferência para a Ouvidoria.</li>
<li>Informe o número do protocolo original, se houver, e descreva os fatos (datas, locais, nomes envolvidos).</li>
<li>Prazo de resposta: até 30 dias, prorrogáveis por mais 30, com justificativa.</li>
</ol>`,
          keywords: ['ouvidoria', 'reclamação', 'denúncia', 'elogio', 'anônimo'],
        },
      ],
      requestTypes: [],
    },
  ],

  scriptTopics: [
    {
      title: 'Abertura',
      content: `<p>Atenda em até 3 toques, com voz clara e tom acolhedor:</p>
<blockquote>"Central 156, Prefeitura, bom dia! Meu nome é [seu nome]. Com quem eu falo, por favor?"</blockquote>
<p>Use "boa tarde" a partir das 12h e "boa noite" a partir das 18h. A partir daí, trate o cidadão pelo nome (senhor ou senhora, se preferir).</p>
<p>Antes de seguir, confira o quadro de <strong>Ocorrências</strong>: se houver instabilidade ou incidente na região do cidadão, ele pode estar ligando por isso.</p>`,
    },
    {
      title: 'Identificação do cidadão',
      content: `<p>Se o número de telefone já estiver no cadastro, confirme o nome completo:</p>
<blockquote>"O senhor é o Sr. João da Silva?"</blockquote>
<p>Para um novo cadastro, peça <strong>nome completo</strong> e <strong>CPF</strong>; telefone e e-mail para contato são opcionais. Para empresas, peça CNPJ e nome do representante.</p>
<ul>
<li>Denúncias podem ser feitas sem identificação: informe que, nesse caso, não será possível dar retorno.</li>
<li>Nunca leia os dados cadastrados para o cidadão confirmar: <strong>peça que ele diga</strong> e compare.</li>
</ul>`,
    },
    {
      title: 'Confirmação de dados e LGPD',
      content: `<p>Antes de registrar a solicitação, leia o aviso de privacidade:</p>
<blockquote>"Para registrar a sua solicitação, vou usar seus dados pessoais, como nome, CPF, telefone e endereço. Eles serão usados somente para atender o seu pedido e para o contato sobre ele, conforme a Lei Geral de Proteção de Dados. Esta ligação está sendo gravada. O senhor concorda em seguir?"</blockquote>
<ul>
<li>Se o cidadão não concordar, ofereça o registro de denúncia anônima (quando couber) ou os canais de autoatendimento.</li>
<li>Confirme telefone e e-mail de contato repetindo devagar, letra a letra no caso do e-mail.</li>
<li>Dúvidas sobre o uso dos dados: veja a informação <em>Privacidade e proteção de dados pessoais (LGPD)</em>.</li>
</ul>`,
    },
    {
      title: 'Registro da solicitação',
      content: `<ol>
<li>Ouça o relato até o fim, sem interromper; depois faça as perguntas do formulário.</li>
<li>Busque na base de conhecimento a informação do assunto e leia as orientações ao operador do tipo de solicitação.</li>
<li>Confirme o <strong>endereço</strong> da ocorrência (não necessariamente o do cidadão) e um ponto de referência.</li>
<li>Resuma o pedido: "Então o senhor está pedindo o reparo de uma lâmpada apagada na Rua X, em frente ao número 120, certo?"</li>
<li>Registre e leia o número do protocolo <strong>devagar, em grupos de 3 ou 4 dígitos</strong>, pedindo que o cidadão anote:</li>
</ol>
<blockquote>"Anote, por favor, o número do seu protocolo: dois-zero-dois-cinco… zero-um-dois… três-quatro-cinco-seis. Vou repetir."</blockquote>
<p>Repita o número uma segunda vez e pergunte se ele conseguiu anotar.</p>`,
    },
    {
      title: 'Prazos e acompanhamento',
      content: `<p>Informe o prazo do serviço <strong>exatamente como aparece</strong> no tipo de solicitação e leia a Solução Proposta.</p>
<blockquote>"O prazo para este serviço é de até 72 horas. O senhor pode acompanhar pelo Portal 156 ou ligando para cá com o número do protocolo."</blockquote>
<ul>
<li>Nunca prometa data ou horário de visita, nem resultado (multa, vaga, remoção).</li>
<li>Se já existe protocolo aberto para o mesmo endereço, informe o número existente: a nova solicitação é vinculada a ele.</li>
<li>Se o cidadão quiser, envie a Solução Proposta por e-mail.</li>
</ul>`,
    },
    {
      title: 'Atendimento a cidadão agressivo',
      content: `<p>Mantenha o tom calmo e a voz baixa. Não leve para o lado pessoal: a irritação costuma ser com o problema, não com você.</p>
<ol>
<li>Deixe o cidadão falar e demonstre que entendeu: "Entendo que o senhor está aguardando há muitos dias e isso é frustrante."</li>
<li>Traga a conversa para o que pode ser feito agora: "Vou verificar o protocolo e registrar a cobrança ao órgão."</li>
<li>Em caso de xingamentos, avise uma vez, com respeito:</li>
</ol>
<blockquote>"Senhor, quero muito ajudar, mas preciso que a conversa siga com respeito. Caso contrário, terei que encerrar a ligação."</blockquote>
<ul>
<li>Se as ofensas continuarem, informe que a ligação será encerrada, encerre e registre o motivo no atendimento.</li>
<li>Ameaças a servidores, a si mesmo ou a terceiros: acione o supervisor imediatamente e registre tudo.</li>
<li>Você pode pedir apoio do supervisor a qualquer momento, sem precisar encerrar a ligação.</li>
</ul>`,
    },
    {
      title: 'Encerramento',
      content: `<p>Antes de encerrar, confirme se o cidadão tem mais alguma dúvida e recapitule o número do protocolo e o prazo.</p>
<blockquote>"Posso ajudar em mais alguma coisa? … A Central 156 agradece a sua ligação. Em seguida, o senhor poderá responder a uma pesquisa rápida de satisfação, de 1 a 5, sobre este atendimento. Tenha um bom dia!"</blockquote>
<ul>
<li>Aguarde o cidadão desligar primeiro ou transfira para a pesquisa de satisfação.</li>
<li>Conclua o registro do atendimento antes de atender a próxima ligação.</li>
</ul>`,
    },
  ],

  notices: [
    {
      kind: 'notice',
      title: 'Horário especial no feriado municipal',
      body: `<p>No feriado municipal desta semana, a Central 156 funciona normalmente, 24 horas. As <strong>Praças de Atendimento</strong> presenciais e os CRAS estarão fechados; UPAs e pronto-socorros funcionam normalmente e as UBS, em regime de plantão.</p>
<p>Coleta domiciliar mantida; a coleta seletiva do feriado será feita no dia seguinte.</p>`,
      startsInHours: -24,
      endsInHours: 168,
    },
    {
      kind: 'notice',
      title: 'Prazo para pedir isenção de IPTU termina este mês',
      body: `<p>Aposentados, pensionistas e beneficiários do BPC têm até o último dia útil do mês para pedir a <strong>isenção ou o desconto de IPTU</strong> deste ano.</p>
<p>Oriente o pedido pelo portal ou nas Praças de Atendimento e consulte a informação <em>Isenção e desconto de IPTU para aposentados e pensionistas</em>.</p>`,
      startsInHours: -120,
      endsInHours: null,
    },
    {
      kind: 'incident',
      title: 'Instabilidade no portal do IPTU',
      body: `<p>O portal do IPTU está lento e, em alguns momentos, fora do ar; a emissão de segunda via pela internet falha com frequência. A equipe de tecnologia já está atuando.</p>
<ul>
<li>Registre a <strong>Segunda via de IPTU</strong> pela Central: o boleto será enviado por e-mail em até 24 horas.</li>
<li>Boletos com vencimento hoje poderão ser pagos sem multa até o próximo dia útil.</li>
</ul>`,
      startsInHours: -6,
      endsInHours: 48,
    },
    {
      kind: 'incident',
      title: 'Alagamento na Vila Esperança após chuva forte',
      body: `<p>Ruas da <strong>Vila Esperança</strong>, em especial a Av. das Palmeiras e a Rua do Córrego, estão alagadas após a chuva da madrugada. A Defesa Civil e equipes da SIURB estão no local.</p>
<ul>
<li>Pessoas ilhadas ou imóvel com risco: oriente a <strong>Defesa Civil (199)</strong>.</li>
<li>Bocas de lobo entupidas na região: registre normalmente; as solicitações estão sendo atendidas com prioridade.</li>
<li>Famílias desalojadas: oriente o CRAS Vila Esperança, que está fazendo atendimento emergencial.</li>
</ul>`,
      startsInHours: -3,
      endsInHours: 72,
    },
    {
      kind: 'incident',
      title: 'Semáforos apagados na região central por falta de energia',
      body: `<p>Queda de energia deixou semáforos apagados em cruzamentos da região central. A concessionária restabeleceu o fornecimento e a SMT concluiu a verificação dos equipamentos.</p>`,
      startsInHours: -72,
      endsInHours: -1,
    },
    {
      kind: 'event',
      title: 'Campanha de vacinação contra a gripe',
      body: `<p>A campanha de vacinação contra a gripe (influenza) está em andamento em todas as UBS, de segunda a sexta, das 7h às 19h, e aos sábados, das 8h às 17h, em unidades selecionadas.</p>
<p>Público prioritário: crianças de 6 meses a menores de 6 anos, gestantes, puérperas, pessoas com 60 anos ou mais, professores e pessoas com doenças crônicas (levar comprovante).</p>
<p>Leve documento com foto e a caderneta de vacinação, se tiver.</p>`,
      startsInHours: -24,
      endsInHours: 336,
    },
    {
      kind: 'event',
      title: 'Mutirão de castração gratuita no Parque Municipal',
      body: `<p>A unidade móvel de castração estará no <strong>Parque Municipal</strong> neste fim de semana, com 200 vagas para cães e gatos.</p>
<p>As vagas são por agendamento: registre o <em>Agendamento de castração animal</em> e informe ao cidadão que a SVMA confirma a data por SMS.</p>`,
      startsInHours: 48,
      endsInHours: 120,
    },
  ],
};
