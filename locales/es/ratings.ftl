## La valoración del trabajo por el contacto del cliente: la petición, la respuesta y dónde se muestran.
rating-ask-revision = { $number } ({ $what }) está aceptada. ¿Cómo valoraría el trabajo en ella?
rating-ask-monthly = ¿Cómo valoraría el trabajo del último mes?
rating-ask-scale = Pulse de 1 (mal) a 5 (excelente); después puede añadir un comentario.
rating-ask-private = «{ $chat }»: { $question }
    { $scale }
rating-thanks-short = ¡Gracias!
rating-thanks-private = ¡Gracias! Ha valorado el trabajo en «{ $chat }» con { $score } de 5.
    Si quiere, escriba aquí un comentario en el plazo de un día (o responda a este mensaje) y se lo haremos llegar al equipo.
rating-thanks-group = { $name } valora el trabajo con { $score } de 5. ¡Gracias!
    { $name }, para añadir un comentario, responda a este mensaje.
rating-already = Su valoración, { $score } de 5, ya está registrada. ¡Gracias!
rating-gone = Esta petición de valoración ya no está abierta.
rating-only-client = Aquí solo valora el trabajo { $client }, el contacto del cliente. ¡Gracias por su comprensión!
rating-comment-thanks = Gracias: su comentario queda registrado y se lo hacemos llegar al equipo.
rating-comment-thanks-group = Gracias, { $name }: su comentario queda registrado.
rating-occasion-revision = después de aceptar { $number } ({ $what })
rating-occasion-monthly = la valoración mensual
rating-low = Valoración baja en «{ $chat }»: { $client } valora el trabajo con { $score } de 5 ({ $occasion }). Conviene hablar con el cliente.
rating-low-comment = { $client } comentó su valoración de { $score } de 5 en «{ $chat }»: { $comment }
rating-low-in-group = tengo una nota para ti sobre este chat que solo puedo enviarte en privado. Pulsa el botón para abrir un chat conmigo y leerla.
rating-low-open-button = Leerla en privado
rating-link-unknown = Este enlace no lleva a nada que pueda mostrarte.
rating-link-not-yours = Esta nota es solo para los especialistas y el responsable del chat.
status-rating-latest = La última valoración del cliente: { $score } de 5, { $at }.
status-rating-comment = El comentario del cliente: { $comment }
status-rating-average = En 90 días: { $average } de 5 de media ({ $ratings }).
digest-ratings = La valoración del cliente desde { $from }: { $average } de 5 de media ({ $ratings }).
rating-count = { $count ->
        [one] { $count } valoración
       *[other] { $count } valoraciones
    }
